package dev.flowdeck.replayconnect;

import dev.flowdeck.core.audit.AuditEntry;
import dev.flowdeck.core.audit.AuditLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The audit log of a test: keeps entries in memory (the file log has tests of its own in local-store). */
final class RecordingAuditLog implements AuditLog {

    final List<AuditEntry> entries = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEntry entry) {
        entries.add(entry);
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        return entries.subList(Math.max(0, entries.size() - limit), entries.size());
    }
}
