package dev.flowdeck.core.trace;

import java.util.List;

/**
 * How an indexing run ended.
 *
 * @param scanned   messages read in all destinations
 * @param indexed   events in the index
 * @param completed destinations read to their end
 * @param cancelled whether the operator stopped it (the index keeps what was read)
 * @param notes     what the operator should know: the connectors' notes on how they read, the index filling up
 */
public record IndexOutcome(long scanned, long indexed, int completed, boolean cancelled, List<String> notes) {

    public IndexOutcome {
        notes = List.copyOf(notes);
    }
}
