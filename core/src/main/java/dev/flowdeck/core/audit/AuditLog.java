package dev.flowdeck.core.audit;

import java.util.List;

/**
 * What operators changed on clusters, kept on this machine and never trimmed by Flowdeck. The caller of an action
 * records it (connections do not know the log), once it has ended, whether it worked or not.
 *
 * <p>Failures are {@link java.io.UncheckedIOException}s: a caller should tell the operator that the action was
 * not recorded rather than let it pass silently.
 */
public interface AuditLog {

    /** Keeps the entry durably before returning. */
    void record(AuditEntry entry);

    /** The newest {@code limit} entries, oldest first. */
    List<AuditEntry> recent(int limit);
}
