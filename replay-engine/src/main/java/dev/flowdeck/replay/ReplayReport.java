package dev.flowdeck.replay;

import java.util.List;
import java.util.Optional;

/**
 * How a run ended: an outcome per selected event, in the plan's order (held events last).
 *
 * @param cancelled     the operator cancelled it (events not sent say {@link EventOutcome.Kind#NOT_SENT})
 * @param unrecorded    why the audit log could not record the run, if it could not: the operator must note it
 */
public record ReplayReport(String replayId, boolean cancelled, List<EventOutcome> outcomes,
                           Optional<String> unrecorded) {

    public ReplayReport {
        outcomes = List.copyOf(outcomes);
    }

    public long count(EventOutcome.Kind kind) {
        long count = 0; // a loop: a run's report is counted several times over, 100,000 outcomes each
        for (EventOutcome outcome : outcomes) {
            count += outcome.kind() == kind ? 1 : 0;
        }
        return count;
    }

    /** Every event that was to be sent is in the target. */
    public boolean complete() {
        return outcomes.stream().allMatch(outcome -> outcome.inTarget() || outcome.kind() == EventOutcome.Kind.HELD
                || outcome.kind() == EventOutcome.Kind.REFUSED_ALREADY_REPLAYED);
    }

    /** For the audit log and the status line: {@code 40 delivered, 2 already there, 1 failed, ...}. */
    public String summary() {
        long[] counts = new long[EventOutcome.Kind.values().length]; // one pass, not one per kind
        for (EventOutcome outcome : outcomes) {
            counts[outcome.kind().ordinal()]++;
        }
        return counts[EventOutcome.Kind.DELIVERED.ordinal()] + " delivered, "
                + counts[EventOutcome.Kind.ALREADY_DELIVERED.ordinal()] + " already there, "
                + counts[EventOutcome.Kind.FAILED.ordinal()] + " failed, "
                + counts[EventOutcome.Kind.HELD.ordinal()] + " held back, "
                + counts[EventOutcome.Kind.REFUSED_ALREADY_REPLAYED.ordinal()] + " refused as already replayed, "
                + counts[EventOutcome.Kind.NOT_SENT.ordinal()] + " not sent";
    }
}
