package dev.flowdeck.core.mask;

import dev.flowdeck.core.audit.AuditEntry;
import dev.flowdeck.core.audit.AuditLog;
import java.time.Clock;
import java.util.Objects;

/**
 * Where a reveal of a masked field is recorded before the raw value is shown: the audit log, through
 * {@link #toAudit}. A reveal that cannot be recorded is not shown.
 */
@FunctionalInterface
public interface RevealLog {

    /** One reveal: who saw which field of which message under which profile. Never the value itself. */
    record Reveal(String profile, String destination, int partition, long offset, String field) {
        public Reveal {
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(field, "field");
        }
    }

    /** The action's name in the audit log. */
    String ACTION = "reveal masked field";

    /**
     * Keeps the reveal durably before returning.
     *
     * @throws java.io.UncheckedIOException when it could not be kept: the value must then stay masked
     */
    void record(Reveal reveal);

    /** Refuses every reveal: for a composition that has no audit log. */
    RevealLog REFUSED = reveal -> {
        throw new IllegalStateException("Revealing masked fields needs an audit log, and none is set up.");
    };

    /**
     * Reveals as audit entries: the profile's name as the cluster, the OS user, "reveal masked field", the message's
     * coordinates as the target, the field's path as the detail.
     */
    static RevealLog toAudit(AuditLog audit, Clock clock) {
        return reveal -> audit.record(new AuditEntry(clock.instant(), reveal.profile(), AuditEntry.osUser(), ACTION,
                reveal.destination() + (reveal.offset() < 0 ? "" : " partition " + reveal.partition() + " offset "
                        + reveal.offset()),
                "field " + reveal.field(), AuditEntry.SUCCEEDED));
    }
}
