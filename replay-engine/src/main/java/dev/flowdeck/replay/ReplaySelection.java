package dev.flowdeck.replay;

import java.util.List;
import java.util.Objects;

/**
 * What is to be replayed: a group of dead letters, the matches of a filter or messages picked by hand, the engine
 * does not mind which; any browse's messages can be replayed.
 *
 * @param description how the operator would say what was chosen ({@code 42 dead letters of orders.DLT, failure
 *                    "timeout"}), kept in the plan and the audit log
 * @param identity    how the source names its events stably (see {@link EventIdentity})
 * @param events      in the order they are to be sent
 */
public record ReplaySelection(String description, EventIdentity identity, List<SelectedEvent> events) {

    public ReplaySelection {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(identity, "identity");
        events = List.copyOf(events);
    }
}
