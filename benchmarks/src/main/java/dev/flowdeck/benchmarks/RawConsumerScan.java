package dev.flowdeck.benchmarks;

import dev.flowdeck.connectors.kafka.KafkaRecords;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.concurrent.NamedThreadFactory;
import dev.flowdeck.core.filter.MessageFilter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The yardstick: the least a Kafka client can do to read a topic. A bare {@code KafkaConsumer<byte[], byte[]>}
 * with the client's defaults, assigned every partition, polled until it has read what the end offsets said. Each
 * record's value is touched (its length and one byte go into a sum that is published at the end), so the JIT cannot
 * drop the read. The classic consumer does its work on the thread that polls (no group, so no heartbeat thread):
 * that thread's CPU time is the read's.
 *
 * <p>{@link #filtered} is the same loop applying a filter to each record the way Flowdeck's browse applies it (a
 * {@link BrowsedMessage} built from the record, tested through a fresh {@code MessageView}): what the filter alone
 * costs, with none of the browse's own work around it (batches, progress, the subscriber).
 *
 * <p>The loop runs on a thread at the priority Flowdeck gives its own reading and filtering threads
 * ({@code NamedThreadFactory.background}: nice 10 on Linux, so that a scan never takes the window's core): the
 * broker in its child JVM, the collector and the compiler run above both alike, and the ratio compares the code,
 * not the scheduler.
 */
final class RawConsumerScan {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final ExecutorService READER =
            Executors.newSingleThreadExecutor(NamedThreadFactory.background("benchmarks-bare-consumer"));

    /** Where the touched bytes end up: a volatile write the JIT must perform. */
    static volatile long sink;

    private RawConsumerScan() {
    }

    /** Reads every record, touching each value. */
    static ScanRun run(String bootstrapServers, OrderTopic topic) {
        return read(bootstrapServers, topic, null);
    }

    /** Reads every record, testing each against {@code filter}; the matches are counted, not kept. */
    static ScanRun filtered(String bootstrapServers, OrderTopic topic, MessageFilter filter) {
        return read(bootstrapServers, topic, filter);
    }

    /** Reads every record of these partitions (of any topics), touching each value. */
    static ScanRun run(String bootstrapServers, List<TopicPartition> partitions) {
        return read(bootstrapServers, partitions, null);
    }

    private static ScanRun read(String bootstrapServers, OrderTopic topic, MessageFilter filter) {
        return read(bootstrapServers, IntStream.range(0, topic.partitions())
                .mapToObj(p -> new TopicPartition(topic.name(), p))
                .toList(), filter);
    }

    private static ScanRun read(String bootstrapServers, List<TopicPartition> partitions, MessageFilter filter) {
        try {
            return READER.submit(() -> readHere(bootstrapServers, partitions, filter)).get();
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(failed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the bare consumer read", e);
        }
    }

    private static ScanRun readHere(String bootstrapServers, List<TopicPartition> partitions, MessageFilter filter) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long total = 0;
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            for (var end : consumer.endOffsets(partitions).entrySet()) {
                total += end.getValue() - begin.get(end.getKey());
            }
            long read = 0;
            long matched = 0;
            long touched = 0;
            while (read < total) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    read++;
                    if (filter == null) {
                        byte[] value = record.value();
                        touched += value.length + value[value.length >> 1];
                        matched++;
                    } else if (filter.test(KafkaRecords.toMessage(record))) {
                        matched++;
                    }
                }
            }
            sink = touched;
            var elapsed = Duration.ofNanos(System.nanoTime() - started);
            return new ScanRun(read, matched, Set.of(), List.of(), elapsed,
                    Duration.ofNanos(threads.getCurrentThreadCpuTime() - cpuBefore));
        }
    }
}
