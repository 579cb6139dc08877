package dev.flowdeck.connectors.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads when records were written, for lag in time, on a consumer of its own: no group id, assigned partitions
 * only, never a commit, so it reads without disturbing anyone and works on read-only profiles.
 *
 * <p>One round assigns every partition with a lookup at once and seeks each to its first open offset, so one fetch
 * answers many partitions; small fetch sizes keep each answer to about the one record batch holding the record.
 * A partition reads on forwards while its next lookup is within what came back, and seeks ahead otherwise. The
 * round stops when every lookup is answered or its time is up.
 *
 * <p>A {@link KafkaConsumer} is not thread-safe: everything here runs on the connection's one time-lag thread, except
 * {@link #wakeup()}.
 */
final class WriteTimeReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WriteTimeReader.class);
    private static final Duration LONGEST_POLL = Duration.ofMillis(200);

    private final Map<String, Object> config;
    private final Duration maxTime;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private String lastProblem;

    WriteTimeReader(Map<String, Object> config, Duration maxTime) {
        this.config = config;
        this.maxTime = maxTime;
    }

    /**
     * @param lookups where to read, in priority order
     * @param ends    each partition's end offset in this round: records from there on answer nothing
     * @return an answer for each lookup reached in time: the record's write time, or empty where no record was
     *         found below the end (or it carries no timestamp)
     */
    Map<RecordAt, Optional<Instant>> read(List<RecordAt> lookups, Map<TopicPartition, Long> ends) {
        long deadline = System.nanoTime() + maxTime.toNanos();
        Map<TopicPartition, PendingOffsets> open = new HashMap<>();
        for (RecordAt at : lookups) {
            open.computeIfAbsent(at.partition(), tp -> new PendingOffsets(ends.getOrDefault(tp, Long.MAX_VALUE)))
                    .want(at.offset());
        }
        Map<TopicPartition, PendingOffsets> all = Map.copyOf(open);
        KafkaConsumer<byte[], byte[]> kafka = consumer();
        try {
            kafka.assign(open.keySet());
            open.forEach((tp, offsets) -> kafka.seek(tp, offsets.next()));
            while (!open.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = kafka.poll(Duration.ofNanos(Math.min(left, LONGEST_POLL.toNanos())));
                } catch (TopicAuthorizationException denied) {
                    // Lag is visible with Describe; reading records needs Read. Those topics stay without ages.
                    dropTopics(kafka, open, denied.unauthorizedTopics());
                    problem("may not read " + denied.unauthorizedTopics() + " to tell the age of waiting records");
                    continue;
                }
                for (TopicPartition tp : records.partitions()) {
                    PendingOffsets offsets = open.get(tp);
                    if (offsets != null) {
                        for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                            offsets.read(record.offset(), writtenAt(record));
                        }
                    }
                }
                advance(kafka, open);
            }
        } catch (WakeupException | InterruptException closing) {
            LOG.debug("Reading write times stopped: the connection is closing");
        } catch (KafkaException e) {
            problem(e.getMessage());
        } finally {
            unassign(kafka);
        }
        Map<RecordAt, Optional<Instant>> found = new HashMap<>();
        all.forEach((tp, offsets) -> offsets.answers().forEach((offset, writtenAt) ->
                found.put(new RecordAt(tp, offset), writtenAt)));
        return found;
    }

    /** Answered partitions stop fetching; the others read on, or skip ahead to their next open offset. */
    private static void advance(KafkaConsumer<byte[], byte[]> kafka, Map<TopicPartition, PendingOffsets> open) {
        var partitions = open.entrySet().iterator();
        while (partitions.hasNext()) {
            var entry = partitions.next();
            TopicPartition tp = entry.getKey();
            PendingOffsets offsets = entry.getValue();
            if (!offsets.done()) {
                long position;
                try {
                    position = kafka.position(tp, Duration.ZERO);
                } catch (TimeoutException resetting) {
                    continue; // its offset is being reset (it was below the log start): known next time
                }
                if (offsets.passedEnd(position)) {
                    offsets.reachedEnd();
                } else if (offsets.next() > position) {
                    kafka.seek(tp, offsets.next());
                }
            }
            if (offsets.done()) {
                kafka.pause(List.of(tp));
                partitions.remove();
            }
        }
    }

    private static void dropTopics(KafkaConsumer<byte[], byte[]> kafka, Map<TopicPartition, PendingOffsets> open,
                                   Set<String> topics) {
        Set<TopicPartition> denied = open.keySet().stream().filter(tp -> topics.contains(tp.topic()))
                .collect(Collectors.toSet());
        kafka.pause(denied);
        open.keySet().removeAll(denied);
    }

    private static Optional<Instant> writtenAt(ConsumerRecord<byte[], byte[]> record) {
        return record.timestamp() < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(record.timestamp()));
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(config);
        }
        return consumer;
    }

    private void unassign(KafkaConsumer<byte[], byte[]> kafka) {
        try {
            kafka.assign(List.of()); // drops what was fetched ahead: the next round seeks afresh
        } catch (RuntimeException e) {
            LOG.debug("Could not unassign the time-lag consumer", e);
        }
    }

    /** Said once while it lasts: a round every few seconds would otherwise repeat it all day. */
    private void problem(String message) {
        if (!message.equals(lastProblem)) {
            LOG.warn("Lag in time is incomplete: {}", message);
            lastProblem = message;
        } else {
            LOG.debug("Lag in time is still incomplete: {}", message);
        }
    }

    /** Ends a poll in progress at once; safe from any thread. */
    void wakeup() {
        var current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    @Override
    public void close() {
        var current = consumer;
        if (current != null) {
            try {
                current.close(CloseOptions.timeout(Duration.ofSeconds(2)));
            } catch (RuntimeException e) {
                LOG.debug("Closing the time-lag consumer failed", e);
            }
        }
    }
}
