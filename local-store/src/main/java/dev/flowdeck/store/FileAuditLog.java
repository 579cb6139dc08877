package dev.flowdeck.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.core.audit.AuditEntry;
import dev.flowdeck.core.audit.AuditLog;
import dev.flowdeck.profiles.ConfigDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What operators changed on clusters from this machine: {@code audit.jsonl} in the config directory, one JSON
 * document per line, readable by its owner only.
 *
 * <p>Each entry is on the disk (fsync) before {@link #record} returns: an audit trail that loses the last action
 * in a power cut is no trail. Flowdeck never rotates, trims or deletes it; at a few hundred bytes an action it grows
 * slowly, and {@link #recent} reads only its end however long it gets.
 *
 * <p>Thread-safe within one process.
 */
public final class FileAuditLog implements AuditLog {

    public static final String FILE_NAME = "audit.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(FileAuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonLinesFile file;

    private FileAuditLog(Path file) {
        this.file = new JsonLinesFile(file);
    }

    /** The log in {@code directory}, created with its first entry. */
    public static FileAuditLog in(Path directory) {
        return new FileAuditLog(directory.resolve(FILE_NAME));
    }

    /** The log in this machine's config directory. */
    public static FileAuditLog inConfigDirectory() {
        return in(ConfigDirectory.forThisMachine());
    }

    public Path path() {
        return file.path();
    }

    @Override
    public synchronized void record(AuditEntry entry) {
        try {
            file.append(toJson(entry), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the audit log " + file.path() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<AuditEntry> recent(int limit) {
        List<String> lines;
        try {
            lines = file.tail(limit + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the audit log " + file.path() + ": " + e.getMessage(), e);
        }
        List<AuditEntry> entries = new ArrayList<>();
        for (String line : lines) {
            try {
                entries.add(fromJson(JSON.readTree(line)));
            } catch (JsonProcessingException | RuntimeException unreadable) {
                LOG.warn("Skipped an unreadable line of the audit log {}: {}", file.path(), unreadable.getMessage());
            }
        }
        return entries.size() > limit ? entries.subList(entries.size() - limit, entries.size()) : entries;
    }

    private static String toJson(AuditEntry entry) {
        return JSON.createObjectNode()
                .put("at", entry.at().toString())
                .put("cluster", entry.cluster())
                .put("operator", entry.operator())
                .put("action", entry.action())
                .put("target", entry.target())
                .put("detail", entry.detail())
                .put("outcome", entry.outcome())
                .toString();
    }

    private static AuditEntry fromJson(JsonNode node) {
        return new AuditEntry(Instant.parse(node.required("at").asText()), node.required("cluster").asText(),
                node.required("operator").asText(), node.required("action").asText(),
                node.required("target").asText(), node.required("detail").asText(),
                node.required("outcome").asText());
    }
}
