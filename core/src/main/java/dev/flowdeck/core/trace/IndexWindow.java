package dev.flowdeck.core.trace;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What to index: the destinations one transaction passes through, over a window of time.
 *
 * @param destinations topics or queues, begun in this order (each once the one before it has delivered, so each
 *                     one's end is taken after theirs) and read a few at once
 * @param from         the first time indexed; empty for the oldest message held
 * @param until        the last time indexed; empty for what each destination holds when its scan begins
 */
public record IndexWindow(List<String> destinations, Optional<Instant> from, Optional<Instant> until) {

    public IndexWindow {
        destinations = List.copyOf(destinations);
        if (destinations.isEmpty()) {
            throw new IllegalArgumentException("name at least one topic or queue to index");
        }
        if (from.isPresent() && until.isPresent() && until.get().isBefore(from.get())) {
            throw new IllegalArgumentException("the window ends (" + until.get() + ") before it begins ("
                    + from.get() + ")");
        }
    }

    /** Everything the destinations hold now. */
    public static IndexWindow everything(List<String> destinations) {
        return new IndexWindow(destinations, Optional.empty(), Optional.empty());
    }
}
