package dev.flowdeck.replay;

import java.util.List;
import java.util.Objects;

/**
 * Events read for a replay, each with the target inferred for it, and what the read noted (letters without an
 * origin left out, a group larger than one plan): planned as often as the operator changes the choices, read once.
 */
public record SelectionRead(ReplaySelection selection, List<String> notes) {

    public SelectionRead {
        Objects.requireNonNull(selection, "selection");
        notes = List.copyOf(notes);
    }
}
