package dev.flowdeck.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ReplayHistory} the journals keep: an event some replay's journal records as confirmed or removed was
 * delivered by that replay. Read once, when made: make one for each run, just before it starts (a replay running
 * at the same time is not seen).
 *
 * <p>Lives in the engine because the journal's format is the engine's own. Files are read, never opened for
 * writing: a torn last line or a damaged one is passed over (it can only hide a delivery of that line's event),
 * and a file that cannot be read is logged and passed over, so one bad journal does not stop every later replay.
 */
public final class JournalHistory implements ReplayHistory {

    private static final Logger LOG = LoggerFactory.getLogger(JournalHistory.class);

    /** Event key → the replays that delivered it, oldest journal line first. */
    private final Map<String, List<String>> deliveries;

    private JournalHistory(Map<String, List<String>> deliveries) {
        this.deliveries = deliveries;
    }

    /** The deliveries every journal in {@code directory} records (none if the directory does not exist). */
    public static JournalHistory read(Path directory) {
        Map<String, List<String>> deliveries = new HashMap<>();
        if (!Files.isDirectory(directory)) {
            return new JournalHistory(deliveries);
        }
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(file -> file.getFileName().toString().endsWith(".journal")).sorted()
                    .forEach(file -> readOne(file, deliveries));
        } catch (IOException e) {
            LOG.warn("The replays directory {} could not be listed: {}", directory, e.getMessage());
        }
        return new JournalHistory(deliveries);
    }

    @Override
    public Optional<String> deliveredBy(String eventKey, String exceptReplay) {
        // A loop, not a stream: the runner asks this of every event it sends, and almost always of an event no
        // journal has delivered.
        List<String> by = deliveries.get(eventKey);
        if (by != null) {
            for (String replay : by) {
                if (!replay.equals(exceptReplay)) {
                    return Optional.of(replay);
                }
            }
        }
        return Optional.empty();
    }

    private static void readOne(Path file, Map<String, List<String>> deliveries) {
        List<JsonNode> records;
        try {
            records = ReplayJournal.readIntact(file);
        } catch (IOException e) {
            LOG.warn("The replay journal {} could not be read: {}", file, e.getMessage());
            return;
        }
        if (records.isEmpty() || !records.getFirst().path("step").asText().equals("begin")) {
            LOG.warn("The replay journal {} does not begin with its replay's id; passed over.", file);
            return;
        }
        String replay = records.getFirst().path("replay").asText();
        for (JsonNode record : records) {
            String step = record.path("step").asText();
            if (step.equals("confirmed") || step.equals("removed")) {
                List<String> by = deliveries.computeIfAbsent(record.path("event").asText(),
                        key -> new java.util.ArrayList<>());
                if (!by.contains(replay)) {
                    by.add(replay);
                }
            }
        }
    }
}
