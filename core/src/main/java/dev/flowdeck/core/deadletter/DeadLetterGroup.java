package dev.flowdeck.core.deadletter;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Dead letters of one cause: the same origin destination and the same {@link FailureFingerprint}. An operator fixes
 * and replays one group at a time.
 *
 * @param origin      the topic or queue they failed in; empty where no header said
 * @param fingerprint what failed, ids and numbers masked; {@code null} for the "other" bucket of a full grouping
 * @param count       how many were seen
 * @param firstSeen   the earliest failure time among them, if any had one
 * @param lastSeen    the latest
 * @param sample      the first one seen, to show and to read the full stack trace of
 */
public record DeadLetterGroup(String origin, FailureFingerprint fingerprint, long count, Optional<Instant> firstSeen,
                              Optional<Instant> lastSeen, DeadLetter sample) {

    public DeadLetterGroup {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(sample, "sample");
    }

    /** The bucket of dead letters whose cause did not fit among the distinct groups kept. */
    public boolean isOther() {
        return fingerprint == null;
    }
}
