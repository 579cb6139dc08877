package dev.flowdeck.cli;

import dev.flowdeck.core.deadletter.DeadLetter;
import dev.flowdeck.core.deadletter.DeadLetterGroup;
import dev.flowdeck.core.deadletter.FailureFingerprint;
import dev.flowdeck.core.deadletter.Origin;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The id an operator types to name a group of dead letters ({@code dlq groups} prints it, {@code dlq show --group}
 * and {@code replay --group} take it): the first 10 hex digits of a SHA-256 of the origin and the fingerprint. Made
 * from the group's cause alone, so the same cause has the same id in every scan, on every machine, as long as the
 * masking rules of {@link FailureFingerprint} stay the same.
 */
final class GroupIds {

    /** The id of the "other" bucket of a full grouping: its dead letters have no one cause to replay by. */
    static final String OTHER = "other";

    private GroupIds() {
    }

    static String of(DeadLetterGroup group) {
        return group.isOther() ? OTHER : of(group.origin(), group.fingerprint());
    }

    static String of(DeadLetter deadLetter) {
        return of(deadLetter.origin().map(Origin::destination).orElse(""),
                FailureFingerprint.of(deadLetter.failure()));
    }

    static String of(String origin, FailureFingerprint fingerprint) {
        String cause = origin + "\n" + fingerprint.exceptionClass() + "\n" + fingerprint.maskedMessage();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cause.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException everyJvmHasIt) {
            throw new IllegalStateException(everyJvmHasIt);
        }
    }
}
