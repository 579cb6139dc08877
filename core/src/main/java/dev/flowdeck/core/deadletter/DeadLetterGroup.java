package dev.flowdeck.core.deadletter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
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

    /** The id of the overflow bucket. */
    public static final String OTHER_ID = "other";

    public DeadLetterGroup {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(sample, "sample");
    }

    /**
     * A short name for the group that is the same on every machine and in every scan of the same dead letters: what
     * an operator passes to {@code flowdeck replay --group} after reading {@code flowdeck dlq groups}. Eight hex
     * digits of a SHA-256 of origin and fingerprint; {@code other} for the overflow bucket.
     */
    public String id() {
        return isOther() ? OTHER_ID : idOf(origin, fingerprint);
    }

    /** Whether {@code deadLetter} belongs here: the same origin and fingerprint. The "other" bucket claims none. */
    public boolean contains(DeadLetter deadLetter) {
        return !isOther() && DeadLetterGroups.originOf(deadLetter).equals(origin)
                && FailureFingerprint.of(deadLetter.failure()).equals(fingerprint);
    }

    /** The id of the group {@code deadLetter} belongs to (unless a full grouping counts it as "other"). */
    public static String idOf(DeadLetter deadLetter) {
        return idOf(DeadLetterGroups.originOf(deadLetter), FailureFingerprint.of(deadLetter.failure()));
    }

    static String idOf(String origin, FailureFingerprint fingerprint) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(origin.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(fingerprint.exceptionClass().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(fingerprint.maskedMessage().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The bucket of dead letters whose cause did not fit among the distinct groups kept. */
    public boolean isOther() {
        return fingerprint == null;
    }
}
