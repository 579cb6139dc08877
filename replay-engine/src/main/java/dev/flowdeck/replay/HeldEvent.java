package dev.flowdeck.replay;

import dev.flowdeck.core.browse.BrowsedMessage;
import java.util.Objects;

/**
 * A selected event the plan will not send, and why: the reviewer sees it, the runner reports it, nothing sends it.
 *
 * @param reason the sentence the operator reads
 */
public record HeldEvent(String key, BrowsedMessage deadLetter, Why why, String reason) {

    public enum Why {
        /** Replayed as many times as the limit allows: sending it again would only loop it through the DLQ. */
        QUARANTINED,
        /** A transform could not apply to it (a payload that is not JSON, say). */
        TRANSFORM_FAILED
    }

    public HeldEvent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(deadLetter, "deadLetter");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(reason, "reason");
    }
}
