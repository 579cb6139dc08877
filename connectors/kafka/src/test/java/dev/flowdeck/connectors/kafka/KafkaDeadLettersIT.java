package dev.flowdeck.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.browse.BatchCollector;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.deadletter.Convention;
import dev.flowdeck.core.deadletter.DeadLetter;
import dev.flowdeck.core.deadletter.DeadLetterDecoder;
import dev.flowdeck.core.deadletter.DeadLetterGroup;
import dev.flowdeck.core.deadletter.DeadLetterGroups;
import dev.flowdeck.core.deadletter.DeadLetterNames;
import dev.flowdeck.core.deadletter.KafkaOrigin;
import dev.flowdeck.sandbox.ShopTopology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's shop dead-letters the Spring Kafka 4 way to {@code <topic>-dlt}: every record there, browsed as the
 * app browses, decodes into a dead letter whose origin is the topic the {@code -dlt} topic is named after.
 */
class KafkaDeadLettersIT {

    private static Admin admin;
    private static ExecutorService worker;
    private static KafkaBrokerConnection connection;

    @BeforeAll
    static void open() {
        String bootstrap = TestSandbox.get().bootstrapServers();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        worker = Executors.newFixedThreadPool(2);
        connection = KafkaBrokerConnection.open(ConnectionProfile.kafka("sandbox", bootstrap), worker);
    }

    @AfterAll
    static void close() {
        connection.close();
        admin.close();
        worker.shutdownNow();
    }

    @Test
    void everyRecordOfTheSandboxsDeadLetterTopicsDecodesWithItsOriginAndException() throws Exception {
        await().atMost(Duration.ofSeconds(90)).until(() -> ShopTopology.DEAD_LETTER_TOPICS.stream()
                .allMatch(KafkaDeadLettersIT::holdsRecords));
        var decoder = DeadLetterDecoder.standard();
        var groups = new DeadLetterGroups();

        for (String deadLetterTopic : ShopTopology.DEAD_LETTER_TOPICS) {
            assertThat(DeadLetterNames.looksLikeDeadLetter(deadLetterTopic)).isTrue();
            String source = deadLetterTopic.substring(0, deadLetterTopic.length() - "-dlt".length());
            var collector = BatchCollector.unbounded();
            connection.browse(BrowseRequest.fromBeginning(deadLetterTopic)).subscribe(collector);
            collector.done.get(30, TimeUnit.SECONDS);
            List<BrowsedMessage> messages = collector.messages();
            assertThat(messages).isNotEmpty();

            List<DeadLetter> deadLetters = messages.stream().map(decoder::decode).toList();
            groups.addAll(deadLetters);

            assertThat(deadLetters).allSatisfy(deadLetter -> {
                assertThat(deadLetter.convention()).isEqualTo(Convention.SPRING_KAFKA);
                assertThat(deadLetter.notes()).isEmpty();
                var origin = (KafkaOrigin) deadLetter.origin().orElseThrow();
                assertThat(origin.topic()).isEqualTo(source);
                assertThat(origin.partition()).hasValue(deadLetter.at().partition()); // Spring keeps the partition
                assertThat(origin.offset()).isPresent();
                assertThat(origin.timestamp()).isPresent();
                assertThat(origin.consumerGroup()).isPresent();
                assertThat(deadLetter.failure().exceptionClass()).hasValueSatisfying(thrown -> assertThat(thrown)
                        .contains(".").doesNotEndWith("ListenerExecutionFailedException"));
                assertThat(deadLetter.failure().message()).hasValueSatisfying(message -> assertThat(message)
                        .doesNotStartWith("Listener failed; "));
                assertThat(deadLetter.failure().stackTrace()).isPresent();
                assertThat(deadLetter.times().failedAt()).isPresent();
            });
        }

        // The shop's services fail a few ways each, with ids and numbers that vary: far fewer causes than letters.
        List<DeadLetterGroup> causes = groups.groups();
        assertThat(groups.notes()).isEmpty();
        assertThat(causes).extracting(DeadLetterGroup::origin).containsAll(ShopTopology.EVENT_TOPICS.subList(0, 4));
        assertThat(causes).allSatisfy(group -> assertThat(group.fingerprint().maskedMessage())
                .doesNotContainPattern("SKU-\\d|within \\d+ ms"));
        assertThat(causes.stream().mapToLong(DeadLetterGroup::count).sum()).isEqualTo(groups.total());
        assertThat((long) causes.size()).isLessThan(groups.total());
    }

    private static boolean holdsRecords(String topic) {
        try {
            return endOffsets(topic).stream().anyMatch(end -> end > 0);
        } catch (Exception notYet) {
            return false; // the topic may not be described yet
        }
    }

    private static List<Long> endOffsets(String topic) throws Exception {
        var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .collect(java.util.stream.Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
        return admin.listOffsets(partitions).all().get().values().stream().map(latest -> latest.offset()).toList();
    }
}
