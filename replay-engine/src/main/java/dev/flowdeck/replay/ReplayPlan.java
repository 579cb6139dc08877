package dev.flowdeck.replay;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A replay decided but not yet run: saved to a file, reviewed by a second person, then applied. Everything the run
 * sends is in it, so nothing is recomputed between review and apply.
 *
 * @param id         the replay's id: names its journal and is stamped on every event it sends
 * @param createdAt  when the planner made it
 * @param source     the selection's description
 * @param mode       copy, or move (remove each dead letter once its replay is confirmed)
 * @param maxReplays how many replays of one event the planner allowed before quarantining it
 * @param events     what is sent, in order
 * @param held       what was selected but will not be sent, and why
 */
public record ReplayPlan(String id, Instant createdAt, String source, ReplayMode mode, int maxReplays,
                         List<PlannedEvent> events, List<HeldEvent> held) {

    public ReplayPlan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(mode, "mode");
        events = List.copyOf(events);
        held = List.copyOf(held);
        if (events.stream().map(PlannedEvent::key).distinct().count() != events.size()) {
            throw new IllegalArgumentException("A plan names each source event once.");
        }
    }

    public Optional<PlannedEvent> event(String key) {
        return events.stream().filter(event -> event.key().equals(key)).findFirst();
    }

    /** The distinct targets, as the audit log names them. */
    public List<String> targets() {
        // Distinct targets first: a plan of 100,000 events has a handful of targets, not 100,000 descriptions.
        return events.stream().map(PlannedEvent::target).distinct().map(ReplayTarget::describe).distinct().toList();
    }
}
