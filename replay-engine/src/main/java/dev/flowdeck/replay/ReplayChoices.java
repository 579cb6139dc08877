package dev.flowdeck.replay;

import java.util.List;
import java.util.Objects;

/**
 * What the operator decides about a replay beyond which events: copy or move, where to, and what to change on the
 * way. The same choices plan the same events the same way, so changing one re-plans without reading the events again.
 */
public record ReplayChoices(ReplayMode mode, Redirect redirect, List<Transform> transforms) {

    /** Copy each back where it came from, unchanged. */
    public static final ReplayChoices BACK_AS_THEY_WERE = new ReplayChoices(ReplayMode.COPY, new Redirect.Origin(false),
            List.of());

    public ReplayChoices {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(redirect, "redirect");
        transforms = List.copyOf(transforms);
    }

    public ReplayChoices withMode(ReplayMode chosen) {
        return new ReplayChoices(chosen, redirect, transforms);
    }

    /** The selection with each event's target redirected. */
    public ReplaySelection redirected(ReplaySelection selection) {
        if (redirect instanceof Redirect.Origin origin && !origin.byKey()) {
            return selection;
        }
        return new ReplaySelection(selection.description(), selection.identity(), selection.events().stream()
                .map(event -> new SelectedEvent(event.message(), redirect.apply(event.target()))).toList());
    }
}
