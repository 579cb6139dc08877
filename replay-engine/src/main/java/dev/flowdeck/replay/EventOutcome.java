package dev.flowdeck.replay;

import java.util.Objects;

/**
 * How one selected event ended in a run.
 *
 * @param removed in move mode, whether its dead letter was removed (false in copy mode)
 * @param detail  where it landed ({@code orders-3@1042}), or why it failed or was not sent
 */
public record EventOutcome(String key, Kind kind, boolean removed, String detail) {

    public enum Kind {
        /** Sent by this run and confirmed by the target. */
        DELIVERED,
        /** Already in the target before this run sent anything: the journal or a read-back of the target says so. */
        ALREADY_DELIVERED,
        /** The send failed (or the target could not be read back); a resume reads the target and sends it if absent. */
        FAILED,
        /** Held back by the plan: quarantined, or a transform did not apply. */
        HELD,
        /** Delivered by an earlier replay; not sent again without force. */
        REFUSED_ALREADY_REPLAYED,
        /** Not sent: the run was cancelled first. A resume sends it. */
        NOT_SENT
    }

    public EventOutcome {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    /** In the target, whether this run sent it or not. */
    public boolean inTarget() {
        return kind == Kind.DELIVERED || kind == Kind.ALREADY_DELIVERED;
    }
}
