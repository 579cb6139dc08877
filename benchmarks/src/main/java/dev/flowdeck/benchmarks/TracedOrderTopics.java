package dev.flowdeck.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The traced shop: an order's five events pass through five topics, one each ({@code orders}, {@code payments},
 * {@code stock}, {@code shipping}, {@code notifications}), each record with a W3C {@code traceparent} header (one
 * trace per order) and the order event's JSON, whose {@code orderId} is the correlation key. Record {@code i} is
 * {@link OrderEvents#value(long)} with its trace, sent to topic {@code i % 5}, so every chain has exactly five events.
 */
final class TracedOrderTopics {

    static final List<String> STEPS = List.of("orders", "payments", "stock", "shipping", "notifications");

    private static final Logger LOG = LoggerFactory.getLogger(TracedOrderTopics.class);

    private TracedOrderTopics() {
    }

    /** Creates the five topics and fills them with {@code records} events in all. */
    static TracedTopics produce(String bootstrapServers, Admin admin, Map<String, Object> producerConfig,
                                long records) {
        String prefix = "traced-" + records + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> names = STEPS.stream().map(step -> prefix + step).toList();
        var failure = new AtomicReference<Exception>();
        long started = System.nanoTime();
        try {
            admin.createTopics(names.stream().map(name -> new NewTopic(name, OrderTopics.PARTITIONS, (short) 1))
                    .toList()).all().get(30, TimeUnit.SECONDS);
            NewTopics.awaitLeaders(admin, names);
            try (var producer = new KafkaProducer<byte[], byte[]>(producerConfig)) {
                for (long i = 0; i < records && failure.get() == null; i++) {
                    var record = new ProducerRecord<>(names.get((int) (i % STEPS.size())), null,
                            OrderEvents.timestamp(i), OrderEvents.key(i), OrderEvents.value(i));
                    record.headers().add(new RecordHeader("traceparent",
                            OrderEvents.traceparent(i).getBytes(StandardCharsets.US_ASCII)));
                    producer.send(record, (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                    });
                }
                producer.flush();
            }
            if (failure.get() != null) {
                throw new IllegalStateException("Producing " + prefix + "* failed: " + failure.get(), failure.get());
            }
            long total = total(admin, names);
            if (total != records) {
                throw new IllegalStateException(prefix + "* hold " + total + " records, not " + records);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            LOG.info("Produced {} traced records to {}* in {} s", records, prefix, String.format("%.1f", seconds));
            return new TracedTopics(names, OrderTopics.PARTITIONS, records);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create or measure the topics " + prefix + "*: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while producing " + prefix + "*", e);
        }
    }

    private static long total(Admin admin, List<String> names)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String name : names) {
            for (int p = 0; p < OrderTopics.PARTITIONS; p++) {
                latest.put(new TopicPartition(name, p), OffsetSpec.latest());
            }
        }
        return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset()).sum();
    }

    /**
     * The five topics of a run.
     *
     * @param names      in the order a transaction passes through them
     * @param partitions partitions of each
     * @param records    events in all of them
     */
    record TracedTopics(List<String> names, int partitions, long records) {

        TracedTopics {
            names = List.copyOf(names);
        }

        long orders() {
            return records / OrderEvents.EVENTS_PER_ORDER;
        }

        List<TopicPartition> topicPartitions() {
            List<TopicPartition> all = new ArrayList<>();
            for (String name : names) {
                for (int p = 0; p < partitions; p++) {
                    all.add(new TopicPartition(name, p));
                }
            }
            return all;
        }
    }
}
