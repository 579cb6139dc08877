package dev.flowdeck.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and fills the order topics of a run, each once: six partitions, records placed by their key with the
 * default partitioner, as a real producer places them. Production is tuned for speed (big batches, a short linger),
 * not for what the benchmarks measure.
 */
final class OrderTopics implements AutoCloseable {

    static final int PARTITIONS = 6;

    private static final Logger LOG = LoggerFactory.getLogger(OrderTopics.class);

    private final String bootstrapServers;
    private final String compression;
    private final Admin admin;
    private final Map<Long, OrderTopic> produced = new HashMap<>();
    private final Map<Long, TracedOrderTopics.TracedTopics> traced = new HashMap<>();

    OrderTopics(String bootstrapServers, String compression) {
        this.bootstrapServers = bootstrapServers;
        this.compression = compression;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    synchronized OrderTopic get(long records) {
        return produced.computeIfAbsent(records, this::produce);
    }

    /** The five traced topics holding {@code records} events in all, produced the first time they are asked for. */
    synchronized TracedOrderTopics.TracedTopics traced(long records) {
        return traced.computeIfAbsent(records,
                count -> TracedOrderTopics.produce(bootstrapServers, admin, producerConfig(), count));
    }

    private OrderTopic produce(long records) {
        String name = "orders-" + records + "-" + UUID.randomUUID().toString().substring(0, 8);
        long probe = records / 2;
        long probeOrder = probe / OrderEvents.EVENTS_PER_ORDER;
        long probeRecords = Math.min(records, (probeOrder + 1) * OrderEvents.EVENTS_PER_ORDER)
                - probeOrder * OrderEvents.EVENTS_PER_ORDER;
        var probePartition = new AtomicInteger(-1);
        var failure = new AtomicReference<Exception>();
        long valueBytes = 0;
        long started = System.nanoTime();
        try {
            admin.createTopics(List.of(new NewTopic(name, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
            NewTopics.awaitLeaders(admin, List.of(name));
            try (var producer = new KafkaProducer<byte[], byte[]>(producerConfig())) {
                for (long i = 0; i < records && failure.get() == null; i++) {
                    byte[] value = OrderEvents.value(i);
                    valueBytes += value.length;
                    boolean isProbe = i == probe;
                    producer.send(new ProducerRecord<>(name, null, OrderEvents.timestamp(i), OrderEvents.key(i),
                            value), (metadata, error) -> {
                                if (error != null) {
                                    failure.compareAndSet(null, error);
                                } else if (isProbe) {
                                    probePartition.set(metadata.partition());
                                }
                            });
                }
                producer.flush();
            }
            if (failure.get() != null) {
                throw new IllegalStateException("Producing " + name + " failed: " + failure.get(), failure.get());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<Integer, Long> sizes = partitionSizes(name);
            long total = sizes.values().stream().mapToLong(Long::longValue).sum();
            if (total != records) {
                throw new IllegalStateException(name + " holds " + total + " records, not " + records);
            }
            LOG.info("Produced {} records to {} in {} s ({} records/s, compression {})", records, name,
                    String.format("%.1f", seconds), String.format("%,.0f", records / seconds), compression);
            return new OrderTopic(name, records, sizes, OrderEvents.orderId(probe), probePartition.get(),
                    probeRecords, (double) valueBytes / records, seconds);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create or measure topic " + name + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while producing " + name, e);
        }
    }

    private Map<String, Object> producerConfig() {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, compression,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
    }

    private Map<Integer, Long> partitionSizes(String topic)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<Integer, Long> sizes = new HashMap<>();
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                .forEach((partition, info) -> sizes.put(partition.partition(), info.offset()));
        return sizes;
    }

    @Override
    public void close() {
        admin.close();
    }
}
