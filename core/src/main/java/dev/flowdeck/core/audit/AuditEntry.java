package dev.flowdeck.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One action an operator took that changed a cluster, as the audit log keeps it: who did what to which thing, and
 * how it ended. Written whether it worked or not, so an incident review sees the attempts too.
 *
 * @param at       when the action ended
 * @param cluster  the cluster's name as the operator knows it (the profile's name)
 * @param operator the OS user who ran Flowdeck
 * @param action   what was done, in a few words ("reset offsets", "replay dead letters")
 * @param target   what it was done to ("group payment-service")
 * @param detail   what exactly, enough to undo it by hand (for a reset: every partition's offset before and after)
 * @param outcome  {@value #SUCCEEDED}, or {@code failed: } and the sentence the operator was shown
 */
public record AuditEntry(Instant at, String cluster, String operator, String action, String target, String detail,
                         String outcome) {

    public static final String SUCCEEDED = "succeeded";

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(outcome, "outcome");
    }

    public static String failed(String sentence) {
        return "failed: " + sentence;
    }

    public boolean succeeded() {
        return SUCCEEDED.equals(outcome);
    }

    /** The OS user running this process: who the audit log names. */
    public static String osUser() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "(unknown user)" : user;
    }
}
