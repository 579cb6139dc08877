package dev.flowdeck.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.lag.AlertKind;
import dev.flowdeck.core.lag.AlertLog;
import dev.flowdeck.core.lag.AlertRules;
import dev.flowdeck.core.lag.GroupStatus;
import dev.flowdeck.core.lag.GroupVerdict;
import dev.flowdeck.core.lag.LagAlert;
import dev.flowdeck.core.lag.LagEvaluator;
import dev.flowdeck.core.lag.LagHistoryStore;
import dev.flowdeck.core.lag.LagMonitor;
import dev.flowdeck.core.lag.LagRound;
import dev.flowdeck.core.lag.MonitorUpdate;
import dev.flowdeck.sandbox.ShopTopology;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lag monitor of core driven by real rounds of {@link KafkaBrokerConnection#consumerGroups()} against the
 * sandbox, with a short window (a round every second, judged over 10 s) so each verdict shows within seconds.
 */
class KafkaLagMonitorIT {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaLagMonitorIT.class);
    private static final Duration EVERY = Duration.ofSeconds(1);
    private static final Duration WINDOW = Duration.ofSeconds(10);
    /**
     * How far the delayed group's lag in time may be from its delay. Below: the record it waits at was written
     * after the one it just handled, at 10 orders/s about 0.4 s later on each of the three partitions (the age
     * reported is the oldest of the three). Above: it notices a record is due within its 200 ms poll, commits,
     * and the round reads offsets and records a few hundred ms after the moment it is stamped with; a loaded
     * 2-core machine can delay each of these. 2 s covers a gap five times the usual on every partition at once.
     */
    private static final Duration TOLERANCE = Duration.ofSeconds(2);

    private static ExecutorService worker;
    private static KafkaBrokerConnection connection;
    private static String bootstrap;

    @BeforeAll
    static void open() {
        bootstrap = TestSandbox.get().bootstrapServers();
        worker = Executors.newFixedThreadPool(2);
        connection = KafkaBrokerConnection.open(ConnectionProfile.kafka("sandbox", bootstrap), worker);
    }

    @AfterAll
    static void close() {
        connection.close();
        worker.shutdownNow();
    }

    @Test
    void theSlowGroupIsWarningAndTheStalledGroupIsStalled() {
        var alerts = new Alerts();
        var monitor = monitor(alerts);
        List<MonitorUpdate> rounds = new ArrayList<>();

        try {
            await().pollInSameThread().pollInterval(EVERY).atMost(Duration.ofMinutes(2)).until(() -> {
                MonitorUpdate update = sample(monitor);
                rounds.add(update);
                return status(update, ShopTopology.SLOW_GROUP) == GroupStatus.WARNING
                        && status(update, ShopTopology.STALLED_GROUP) == GroupStatus.STALLED;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("After " + rounds.size() + " rounds: " + said(rounds.getLast(),
                    ShopTopology.SLOW_GROUP) + "; " + said(rounds.getLast(), ShopTopology.STALLED_GROUP), e);
        }

        MonitorUpdate last = rounds.getLast();
        GroupVerdict slow = verdict(last, ShopTopology.SLOW_GROUP).orElseThrow();
        GroupVerdict stalled = verdict(last, ShopTopology.STALLED_GROUP).orElseThrow();
        LOG.info("After {} rounds: {} {}: {}; {} {}: {}", rounds.size(), slow.name(), slow.status(),
                slow.explanation(), stalled.name(), stalled.status(), stalled.explanation());
        assertThat(slow.explanation()).startsWith("Lag rose from").contains("consuming");
        assertThat(stalled.explanation()).startsWith("Offsets unchanged for");
        assertThat(stalled.timeLag()).as("its oldest waiting payment ages while it is stuck").isPresent()
                .get().isNotEqualTo(Duration.ZERO);
        assertThat(alerts.raised).filteredOn(alert -> alert.group().equals(ShopTopology.STALLED_GROUP))
                .singleElement().satisfies(alert -> {
                    assertThat(alert.kind()).isEqualTo(AlertKind.STATUS);
                    assertThat(alert.status()).isEqualTo(GroupStatus.STALLED);
                    assertThat(alert.raised()).isTrue();
                });
    }

    @Test
    void theDelayedGroupsLagInTimeIsItsInjectedDelay() {
        var monitor = monitor(new Alerts());
        Duration low = TestSandbox.EMAIL_DELAY.minus(TOLERANCE);
        Duration high = TestSandbox.EMAIL_DELAY.plus(TOLERANCE);
        // It starts from nothing while the sandbox is younger than the delay, then settles there.
        await().pollInSameThread().pollInterval(EVERY).atMost(Duration.ofMinutes(2)).until(() ->
                verdict(sample(monitor), ShopTopology.DELAYED_GROUP).flatMap(GroupVerdict::timeLag)
                        .filter(age -> age.compareTo(low) >= 0).isPresent());

        List<Duration> ages = new ArrayList<>();
        await().pollInSameThread().pollInterval(EVERY).atMost(Duration.ofMinutes(1)).until(() -> {
            ages.add(verdict(sample(monitor), ShopTopology.DELAYED_GROUP).flatMap(GroupVerdict::timeLag)
                    .orElseThrow());
            return ages.size() >= 10;
        });

        LOG.info("{} lag in time over {} rounds: {} (delay {})", ShopTopology.DELAYED_GROUP, ages.size(),
                ages.stream().map(Duration::toMillis).toList(), TestSandbox.EMAIL_DELAY);
        assertThat(ages).allSatisfy(age -> assertThat(age).isBetween(low, high));
    }

    @Test
    void aGroupThatFellBehindIsWarningAndOkOnceItCaughtUp() throws Exception {
        String topic = "catch-up-" + UUID.randomUUID();
        String group = "catch-up-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // One partition: a consumer spreads a slow pace unevenly over several, and an untouched one is a stall.
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        var monitor = monitor(new Alerts());
        var partition = new TopicPartition(topic, 0);
        try (var producer = producer(); var consumer = consumer(group, topic)) {
            var app = new SteppedConsumer(producer, consumer, partition);

            // Ten records arrive each second, it takes at most two: its lag rises round after round.
            await().pollInSameThread().pollInterval(EVERY).atMost(Duration.ofMinutes(1)).until(() -> {
                app.produce(10);
                app.consume(2);
                return status(sample(monitor), group) == GroupStatus.WARNING;
            });
            // Now it reads everything there is.
            MonitorUpdate caughtUp = await().pollInSameThread().pollInterval(EVERY).atMost(Duration.ofSeconds(30))
                    .until(() -> {
                        app.produce(10);
                        app.consumeAll();
                        return sample(monitor);
                    }, update -> status(update, group) == GroupStatus.OK);

            GroupVerdict verdict = verdict(caughtUp, group).orElseThrow();
            assertThat(verdict.lag()).isZero();
            assertThat(verdict.explanation()).startsWith("Caught up");
        }
    }

    /** A consumer group member the test paces: it consumes only when told, as much as it is told. */
    private record SteppedConsumer(KafkaProducer<byte[], byte[]> producer, KafkaConsumer<byte[], byte[]> consumer,
                                   TopicPartition partition) {

        void produce(int records) throws Exception {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), null,
                        ("event " + i).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }

        /** One poll of at most two records (max.poll.records), committed. */
        void consume(int atMost) {
            var records = consumer.poll(Duration.ofMillis(200));
            if (records.count() > atMost) {
                throw new IllegalStateException("max.poll.records is " + atMost + ", got " + records.count());
            }
            if (!records.isEmpty()) {
                consumer.commitSync();
            }
        }

        void consumeAll() {
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(100));
                return consumer.assignment().contains(partition) && consumer.position(partition) >= end;
            });
            consumer.commitSync();
        }
    }

    private static MonitorUpdate sample(LagMonitor monitor) throws Exception {
        Instant at = Instant.now();
        return monitor.record(new LagRound(at,
                connection.consumerGroups().toCompletableFuture().get(30, TimeUnit.SECONDS)));
    }

    private static LagMonitor monitor(AlertLog alerts) {
        return new LagMonitor("sandbox", new LagEvaluator(WINDOW), AlertRules::defaults, LagHistoryStore.none(),
                alerts);
    }

    private static Optional<GroupVerdict> verdict(MonitorUpdate update, String group) {
        return update.verdicts().stream().filter(verdict -> verdict.name().equals(group)).findFirst();
    }

    private static String said(MonitorUpdate update, String group) {
        return verdict(update, group).map(v -> v.name() + " " + v.status() + ": " + v.explanation())
                .orElse(group + " absent");
    }

    private static GroupStatus status(MonitorUpdate update, String group) {
        return verdict(update, group).map(GroupVerdict::status).orElse(null);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String group, String topic) {
        var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** The alert log, in memory. */
    private static final class Alerts implements AlertLog {
        final List<LagAlert> raised = new CopyOnWriteArrayList<>();

        @Override
        public void append(LagAlert alert) {
            raised.add(alert);
        }

        @Override
        public List<LagAlert> recent(int limit) {
            return raised.subList(Math.max(0, raised.size() - limit), raised.size());
        }
    }
}
