package dev.flowdeck.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.core.lag.AlertKind;
import dev.flowdeck.core.lag.AlertLog;
import dev.flowdeck.core.lag.GroupStatus;
import dev.flowdeck.core.lag.LagAlert;
import dev.flowdeck.profiles.ConfigDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts of every cluster, one JSON document per line in {@code lag-alerts.jsonl} in the config directory;
 * each written and handed to the OS as it is raised, so a crash loses none.
 *
 * <p>Bounded: once the file would pass {@value #MAX_BYTES} bytes (some 5,000 alerts of 200 bytes) it becomes
 * {@code lag-alerts.1.jsonl}, replacing the one before, and a new file starts. So the log holds between one and
 * two files' worth, at most 2 MiB: the recent past an operator asks "what happened overnight" about, not an
 * archive. {@link #recent} reads both files from their ends.
 *
 * <p>Thread-safe within one process.
 */
public final class FileAlertLog implements AlertLog {

    public static final String FILE_NAME = "lag-alerts.jsonl";
    public static final String PREVIOUS_FILE_NAME = "lag-alerts.1.jsonl";
    static final long MAX_BYTES = 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(FileAlertLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonLinesFile current;
    private final JsonLinesFile previous;
    private final long maxBytes;

    FileAlertLog(Path directory, long maxBytes) {
        this.current = new JsonLinesFile(directory.resolve(FILE_NAME));
        this.previous = new JsonLinesFile(directory.resolve(PREVIOUS_FILE_NAME));
        this.maxBytes = maxBytes;
    }

    /** The log in {@code directory}, created with the first alert. */
    public static FileAlertLog in(Path directory) {
        return new FileAlertLog(directory, MAX_BYTES);
    }

    /** The log in this machine's config directory. */
    public static FileAlertLog inConfigDirectory() {
        return in(ConfigDirectory.forThisMachine());
    }

    @Override
    public synchronized void append(LagAlert alert) {
        String line = toJson(alert);
        try {
            long size = current.size();
            if (size > 0 && size + line.getBytes(StandardCharsets.UTF_8).length + 1 > maxBytes) {
                Files.move(current.path(), previous.path(), StandardCopyOption.REPLACE_EXISTING);
            }
            current.append(line, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the alert log " + current.path() + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public synchronized List<LagAlert> recent(int limit) {
        try {
            List<LagAlert> newest = parse(current.tail(limit + 1), limit);
            if (newest.size() >= limit) {
                return newest;
            }
            List<LagAlert> all = new ArrayList<>(parse(previous.tail(limit - newest.size() + 1),
                    limit - newest.size()));
            all.addAll(newest);
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the alert log " + current.path() + ": " + e.getMessage(),
                    e);
        }
    }

    /** The newest {@code limit} of the lines that parse (one more was read, for a torn line at the end). */
    private List<LagAlert> parse(List<String> lines, int limit) {
        List<LagAlert> alerts = new ArrayList<>();
        for (String line : lines) {
            try {
                alerts.add(fromJson(JSON.readTree(line)));
            } catch (JsonProcessingException | RuntimeException unreadable) {
                LOG.debug("Skipped an unreadable line of the alert log: {}", unreadable.getMessage());
            }
        }
        return alerts.size() > limit ? alerts.subList(alerts.size() - limit, alerts.size()) : alerts;
    }

    private static String toJson(LagAlert alert) {
        var node = JSON.createObjectNode()
                .put("at", alert.at().toString())
                .put("cluster", alert.cluster())
                .put("group", alert.group())
                .put("kind", alert.kind().name())
                .put("raised", alert.raised())
                .put("status", alert.status().name())
                .put("message", alert.message());
        return node.toString();
    }

    private static LagAlert fromJson(JsonNode node) {
        return new LagAlert(Instant.parse(node.required("at").asText()), node.required("cluster").asText(),
                node.required("group").asText(), AlertKind.valueOf(node.required("kind").asText()),
                node.required("raised").asBoolean(), GroupStatus.valueOf(node.required("status").asText()),
                node.required("message").asText());
    }
}
