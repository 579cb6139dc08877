package dev.flowdeck.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the lag-round benchmark reads: topics of small records, and consumer groups with committed offsets and no
 * members (committed by the admin client, as a reset would). Group {@code g} is committed on every partition of
 * topic {@code g mod topics}.
 *
 * <p>Round {@code r} commits each partition at a random offset in {@code [50 r, 50 r + 50)}: a stretch of the log no
 * earlier round committed to, so no write time an earlier round read can answer it, and every group still has
 * records waiting.
 */
final class LagCluster {

    /** How many offsets one round's commits on a partition spread over. */
    static final int SPREAD = 50;

    private static final Logger LOG = LoggerFactory.getLogger(LagCluster.class);

    private final Admin admin;
    private final List<String> topics;
    private final LagShape shape;
    private final int recordsPerPartition;
    private final SplittableRandom random = new SplittableRandom(4711);

    private LagCluster(Admin admin, List<String> topics, LagShape shape, int recordsPerPartition) {
        this.admin = admin;
        this.topics = topics;
        this.shape = shape;
        this.recordsPerPartition = recordsPerPartition;
    }

    /** Creates the topics and fills them with enough records for {@code rounds} rounds. */
    static LagCluster create(Admin admin, String bootstrapServers, LagShape shape, int rounds) throws Exception {
        long started = System.nanoTime();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> topics = new ArrayList<>();
        for (int t = 0; t < shape.topics(); t++) {
            topics.add("lag-" + run + "-" + t);
        }
        admin.createTopics(topics.stream().map(name -> new NewTopic(name, shape.partitions(), (short) 1)).toList())
                .all().get(2, TimeUnit.MINUTES);
        NewTopics.awaitLeaders(admin, topics);
        int records = SPREAD * rounds;
        var failure = new AtomicReference<Exception>();
        try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (String topic : topics) {
                for (int p = 0; p < shape.partitions(); p++) {
                    for (int i = 0; i < records; i++) {
                        producer.send(new ProducerRecord<>(topic, p, null, value(topic, p, i)), (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            }
                        });
                    }
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Producing the lag benchmark's topics failed: " + failure.get(),
                    failure.get());
        }
        LOG.info("{} topics of {} partitions, {} records each, in {} ms", shape.topics(), shape.partitions(),
                records, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return new LagCluster(admin, topics, shape, records);
    }

    int recordsPerPartition() {
        return recordsPerPartition;
    }

    /** Commits every group's offsets for round {@code round} (counting from 0), all groups at once. */
    void commitRound(int round) throws Exception {
        List<CompletableFuture<Void>> commits = new ArrayList<>();
        for (int g = 0; g < shape.groups(); g++) {
            String topic = topics.get(g % topics.size());
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (int p = 0; p < shape.partitions(); p++) {
                offsets.put(new TopicPartition(topic, p),
                        new OffsetAndMetadata((long) SPREAD * round + random.nextInt(SPREAD)));
            }
            commits.add(admin.alterConsumerGroupOffsets(group(g), offsets).all().toCompletionStage()
                    .toCompletableFuture());
        }
        CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    }

    static String group(int index) {
        return "lag-group-%04d".formatted(index);
    }

    /** About 100 bytes of JSON, like a small event. */
    private static byte[] value(String topic, int partition, int index) {
        return ("{\"type\":\"MeterRead\",\"topic\":\"%s\",\"partition\":%d,\"seq\":%d,\"kwh\":%d.%02d}"
                .formatted(topic, partition, index, index % 97, index % 100)).getBytes(StandardCharsets.UTF_8);
    }
}
