package dev.flowdeck.views.replay;

import dev.flowdeck.replay.ReplayPlan;
import java.util.List;
import java.util.Objects;

/**
 * A plan as the dialog reviews it.
 *
 * @param plan  what would be sent where
 * @param notes what the operator must know before applying it: letters without a known origin left out, a target
 *              whose resume can only promise "at least once", letters beyond what one plan holds
 */
public record ProposedReplay(ReplayPlan plan, List<String> notes) {

    public ProposedReplay {
        Objects.requireNonNull(plan, "plan");
        notes = List.copyOf(notes);
    }
}
