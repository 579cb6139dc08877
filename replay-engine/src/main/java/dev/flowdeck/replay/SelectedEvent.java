package dev.flowdeck.replay;

import dev.flowdeck.core.browse.BrowsedMessage;
import java.util.Objects;

/**
 * One message the operator chose to replay and where it should go. The target comes with it because the origin is
 * the caller's inference (the dead-letter model's, or the operator's override), not the engine's.
 */
public record SelectedEvent(BrowsedMessage message, ReplayTarget target) {

    public SelectedEvent {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(target, "target");
    }
}
