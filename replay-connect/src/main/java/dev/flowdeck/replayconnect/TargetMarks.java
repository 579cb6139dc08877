package dev.flowdeck.replayconnect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.browse.PartitionOffsets;
import dev.flowdeck.replay.ReplayJournal;
import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replay.ReplayTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Where each Kafka target partition ended when a replay first began: the read-back of a resume starts there, so it
 * sees every record the replay could have written and nothing older. Kept next to the journal as
 * {@code <replay id>.marks}, written before the first send and never changed: a resume reuses the first run's marks,
 * since records of that run lie after them.
 *
 * @param takenAt    when the marks were taken (also where a read-back of a RabbitMQ stream may begin)
 * @param partitions end offset by topic and partition
 */
public record TargetMarks(Instant takenAt, Map<String, Map<Integer, Long>> partitions) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public TargetMarks {
        Objects.requireNonNull(takenAt, "takenAt");
        Map<String, Map<Integer, Long>> copy = new TreeMap<>();
        partitions.forEach((topic, offsets) -> copy.put(topic, Map.copyOf(offsets)));
        partitions = Map.copyOf(copy);
    }

    /** The marks file of a replay, beside its journal. */
    public static Path fileFor(Path directory, String replayId) {
        Path journal = ReplayJournal.fileFor(directory, replayId);
        String name = journal.getFileName().toString();
        return journal.resolveSibling(name.substring(0, name.length() - ".journal".length()) + ".marks");
    }

    /**
     * The marks of {@code plan}: those an earlier run of it saved, or else the end offsets of every Kafka topic it
     * targets, read now and saved (forced to the disk) before the stage completes. Call it before the runner starts.
     *
     * @param disk where the file is written (not a connector thread: the write waits for the disk)
     */
    public static CompletionStage<TargetMarks> takeOrLoad(BrokerConnection target, ReplayPlan plan, Path directory,
                                                          Clock clock, Executor disk) {
        Path file = fileFor(directory, plan.id());
        if (Files.exists(file)) {
            return CompletableFuture.supplyAsync(() -> load(file), disk);
        }
        Set<String> topics = new TreeSet<>();
        plan.events().forEach(event -> {
            if (event.target() instanceof ReplayTarget.KafkaTopic topic) {
                topics.add(topic.topic());
            }
        });
        Instant now = clock.instant();
        CompletableFuture<Map<String, Map<Integer, Long>>> ends = CompletableFuture.completedFuture(new TreeMap<>());
        for (String topic : topics) {
            ends = ends.thenCombine(target.partitionOffsets(topic), (all, offsets) -> {
                Map<Integer, Long> byPartition = new TreeMap<>();
                offsets.forEach(range -> byPartition.put(range.partition(), range.high()));
                all.put(topic, byPartition);
                return all;
            });
        }
        return ends.thenApplyAsync(all -> {
            TargetMarks marks = new TargetMarks(now, all);
            marks.save(file);
            return marks;
        }, disk);
    }

    /** Where {@code partition} of {@code topic} ended, if it was marked. */
    public OptionalLong from(String topic, int partition) {
        Long offset = partitions.getOrDefault(topic, Map.of()).get(partition);
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /** The marked partitions of {@code topic}. */
    public Set<Integer> partitionsOf(String topic) {
        return new TreeSet<>(partitions.getOrDefault(topic, Map.of()).keySet());
    }

    static TargetMarks load(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            Map<String, Map<Integer, Long>> partitions = new TreeMap<>();
            for (JsonNode mark : root.path("partitions")) {
                partitions.computeIfAbsent(mark.path("topic").asText(), topic -> new TreeMap<>())
                        .put(mark.path("partition").asInt(), mark.path("offset").asLong());
            }
            return new TargetMarks(Instant.parse(root.path("takenAt").asText()), partitions);
        } catch (IOException | RuntimeException unreadable) {
            throw new IllegalStateException("The replay's target marks " + file + " cannot be read ("
                    + unreadable.getMessage() + "); without them a resume cannot tell what the target holds.",
                    unreadable);
        }
    }

    /** Written to a temporary file, forced, then moved over: a crash leaves the old file or the new, never half. */
    void save(Path file) {
        ObjectNode root = JSON.createObjectNode().put("takenAt", takenAt.toString());
        ArrayNode list = root.putArray("partitions");
        List<String> topics = new ArrayList<>(partitions.keySet());
        for (String topic : topics) {
            partitions.get(topic).entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry ->
                    list.addObject().put("topic", topic).put("partition", entry.getKey())
                            .put("offset", entry.getValue()));
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(root)));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("The replay's target marks could not be saved to " + file + " ("
                    + e.getMessage() + "); the replay does not start without them.", e);
        }
    }
}
