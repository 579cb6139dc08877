package dev.flowdeck.cli;

import static dev.flowdeck.cli.CliRun.cli;
import static dev.flowdeck.cli.KafkaCliIT.closedPort;
import static dev.flowdeck.cli.KafkaCliIT.jsonLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdeck.core.lag.GroupStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code flowdeck lag} against a real broker, on groups whose lag the test made: a topic with 10 records on
 * partition 0 and 6 on partition 1; a group with no members committed at 4 and 6 (6 behind, so Stopped), and one
 * committed at the ends (caught up).
 */
class KafkaLagCliIT {

    private static final int ON_PARTITION_0 = 10;
    private static final int ON_PARTITION_1 = 6;

    private static String bootstrap;
    private static String topic;
    private static String behind;
    private static String caughtUp;
    private static Instant produced;

    @BeforeAll
    static void groupsWithKnownLag() throws Exception {
        bootstrap = TestKafka.bootstrapServers();
        topic = TestKafka.newTopic(2);
        produced = Instant.now();
        try (var producer = TestKafka.producer()) {
            for (int i = 0; i < ON_PARTITION_0; i++) {
                producer.send(new ProducerRecord<>(topic, 0, TestKafka.bytes("k" + i), TestKafka.bytes("v" + i)));
            }
            for (int i = 0; i < ON_PARTITION_1; i++) {
                producer.send(new ProducerRecord<>(topic, 1, TestKafka.bytes("k" + i), TestKafka.bytes("v" + i)));
            }
            producer.flush();
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        behind = "lag-behind-" + run;
        caughtUp = "lag-caught-up-" + run;
        try (var admin = admin()) {
            admin.alterConsumerGroupOffsets(behind, Map.of(partition(0), new OffsetAndMetadata(4),
                    partition(1), new OffsetAndMetadata(ON_PARTITION_1))).all().get(30, TimeUnit.SECONDS);
            admin.alterConsumerGroupOffsets(caughtUp, Map.of(partition(0), new OffsetAndMetadata(ON_PARTITION_0),
                    partition(1), new OffsetAndMetadata(ON_PARTITION_1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void oneSampleAsJsonGivesEachGroupsStatusAndPartitions() {
        var result = kafka("lag", "--group", behind, "--group", caughtUp, "-o", "json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).as("stderr stays empty for scripts").isEmpty();
        List<JsonNode> lines = jsonLines(result);
        assertThat(lines).extracting(line -> line.get("group").asText()).containsExactly(behind, caughtUp);

        JsonNode stopped = lines.get(0);
        assertThat(stopped.get("cluster").asText()).isEqualTo(bootstrap);
        assertThat(stopped.get("status").asText()).isEqualTo("STOPPED");
        assertThat(stopped.get("explanation").asText()).startsWith("No consumers while 6 messages wait");
        assertThat(stopped.get("lag").asLong()).isEqualTo(6);
        assertUnknownOrSinceProduced(stopped.get("timeLagMs"));
        assertThat(stopped.get("members").asInt()).isZero();
        assertThat(stopped.get("state").asText()).isEqualTo("Empty");
        JsonNode partitions = stopped.get("partitions");
        assertThat(partitions).hasSize(2);
        assertThat(partitions.get(0).get("topic").asText()).isEqualTo(topic);
        assertThat(partitions.get(0).get("partition").asInt()).isZero();
        assertThat(partitions.get(0).get("committed").asLong()).isEqualTo(4);
        assertThat(partitions.get(0).get("end").asLong()).isEqualTo(ON_PARTITION_0);
        assertThat(partitions.get(0).get("lag").asLong()).isEqualTo(6);
        assertUnknownOrSinceProduced(partitions.get(0).get("timeLagMs"));
        assertThat(partitions.get(1).get("lag").asLong()).isZero();
        assertThat(partitions.get(1).get("timeLagMs").asLong()).as("nothing waits: no time behind").isZero();

        JsonNode ok = lines.get(1);
        assertThat(ok.get("status").asText()).isEqualTo("OK");
        assertThat(ok.get("lag").asLong()).isZero();
        assertThat(ok.get("timeLagMs").asLong()).isZero();
        assertThat(ok.get("catchUpMs").asLong()).isZero();
        assertThat(ok.get("explanation").asText()).as("one sample is no window, and it says so")
                .isEqualTo("Caught up (watching: 1 sample over 0 s of a 2 min window)");
    }

    @Test
    void oneSampleAsATableWithPartitions() {
        var result = kafka("lag", "--group", behind, "--partitions");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        List<String> lines = result.outLines();
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).startsWith("Consumer lag on " + bootstrap + " at ").doesNotContain("sample");
        assertThat(lines.get(1)).matches("GROUP +STATUS +LAG +TIME LAG +TREND +CATCH-UP +MEMBERS +STATE");
        assertThat(lines.get(2)).matches(behind + " +Stopped +6 +(unknown|\\d+ s) +steady +- +0 +Empty");
        assertThat(lines.get(3)).startsWith("  No consumers while 6 messages wait");
        assertThat(lines.get(4)).matches(" {4}PARTITION +COMMITTED +END +LAG +TIME LAG +TREND +CATCH-UP");
        assertThat(lines.get(5)).matches(" {4}" + topic + "-0 +4 +10 +6 +(unknown|\\d+ s) +steady +-");
        assertThat(lines.get(6)).matches(" {4}" + topic + "-1 +6 +6 +0 +0 s +steady +0 s");
    }

    @Test
    void failOnAStatusExitsOneAndNamesTheGroup() {
        var failing = kafka("lag", "--group", behind, "--group", caughtUp, "--fail-on", "stopped", "-o", "json");
        assertThat(failing.exitCode()).isEqualTo(ExitCodes.STATUS_FAILED);
        assertThat(failing.err()).isEqualTo(behind + " is Stopped (--fail-on stopped)." + System.lineSeparator());
        assertThat(jsonLines(failing)).as("the sample is written all the same").hasSize(2);

        var healthy = kafka("lag", "--group", caughtUp, "--fail-on", "STOPPED");
        assertThat(healthy.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(healthy.err()).isEmpty();
    }

    @Test
    void aGroupThatDoesNotExistIsOneSentenceAndCodeThree() {
        String nobody = "lag-nobody-" + UUID.randomUUID();
        var missing = kafka("lag", "--group", behind, "--group", nobody);
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BROKER);
        assertThat(missing.err()).isEqualTo("Consumer group '" + nobody + "' does not exist on " + bootstrap + "."
                + System.lineSeparator());
        assertThat(missing.out()).as("no half answer").isEmpty();

        var pattern = kafka("lag", "--group", nobody + "-*", "--watch", "--interval", "1s");
        assertThat(pattern.exitCode()).as("a watch too ends at once").isEqualTo(ExitCodes.BROKER);
        assertThat(pattern.err()).isEqualTo("No consumer group on " + bootstrap + " matches '" + nobody + "-*'."
                + System.lineSeparator());

        var glob = kafka("lag", "--group", "lag-b?hind-*", "-o", "json");
        assertThat(glob.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(jsonLines(glob)).extracting(line -> line.get("group").asText()).contains(behind)
                .doesNotContain(caughtUp);
    }

    @Test
    void anUnreachableClusterIsOneSentenceAndCodeThree() {
        String closed = "127.0.0.1:" + closedPort();
        var result = cli().run("lag", "--bootstrap-server", closed, "--watch");

        assertThat(result.exitCode()).as("the first sample failing ends even a watch").isEqualTo(ExitCodes.BROKER);
        // The connector's sentence; it names the address whatever the admin client's own words.
        assertThat(result.err()).contains(closed).hasLineCount(1).doesNotContain("Exception");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aWatchPrintsEverySampleOnTheTicksAndSaysWhenTheWindowIsFull() {
        var result = kafka("lag", "--group", caughtUp, "--watch", "--interval", "1s", "--window", "2s",
                "--samples", "3", "-o", "json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).isEmpty();
        List<JsonNode> samples = jsonLines(result);
        assertThat(samples).hasSize(3).allSatisfy(sample -> {
            assertThat(sample.get("group").asText()).isEqualTo(caughtUp);
            assertThat(sample.get("status").asText()).isEqualTo("OK");
        });
        List<Instant> at = samples.stream().map(sample -> Instant.parse(sample.get("at").asText())).toList();
        assertThat(Duration.between(at.get(0), at.get(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(Duration.between(at.get(1), at.get(2))).isEqualTo(Duration.ofSeconds(1));
        assertThat(samples).extracting(sample -> sample.get("explanation").asText()).containsExactly(
                "Caught up (watching: 1 sample over 0 s of a 2 s window)",
                "Caught up (watching: 2 samples over 1 s of a 2 s window)",
                "Caught up");
    }

    @Test
    void aWatchRaisesAnAlertOncePerCrossingOnStderr() {
        var result = kafka("lag", "--group", behind, "--watch", "--interval", "1s", "--window", "2s",
                "--samples", "3");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.outLines()).filteredOn(line -> line.startsWith("Consumer lag on "))
                .hasSize(3).last().asString().endsWith("(sample 3)");
        assertThat(result.outLines()).filteredOn(line -> line.startsWith(behind)).hasSize(3)
                .allSatisfy(row -> assertThat(row).contains("Stopped"));
        assertThat(result.err().lines()).singleElement().asString()
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ alert: " + behind
                        + " Stopped: No consumers while 6 messages wait.*");
    }

    @Test
    void aMemberThatStopsCommittingIsStalledOnceTheWindowIsFull() throws Exception {
        String stalled = "lag-stalled-" + UUID.randomUUID().toString().substring(0, 8);
        try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, stalled,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(100));
                return consumer.assignment().size() == 2;
            });
            // Commits once, then sits in the group without committing again: records wait, offsets stand still.
            consumer.commitSync(Map.of(partition(0), new OffsetAndMetadata(3), partition(1), new OffsetAndMetadata(2)));

            var result = kafka("lag", "--group", stalled, "--watch", "--interval", "1s", "--window", "2s",
                    "--samples", "3", "--fail-on", "stalled", "-o", "json");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.STATUS_FAILED);
            List<JsonNode> samples = jsonLines(result);
            assertThat(samples).extracting(sample -> sample.get("status").asText())
                    .containsExactly("OK", "OK", "STALLED");
            JsonNode last = samples.getLast();
            assertThat(last.get("explanation").asText())
                    .isEqualTo("Offsets unchanged for 2 s on all 2 partitions while lag stayed at 11");
            assertThat(last.get("members").asInt()).isOne();
            assertThat(last.get("trend").asText()).isEqualTo("STALLED");
            assertThat(result.err().lines().toList()).hasSize(2);
            assertThat(result.err().lines().findFirst().orElseThrow())
                    .endsWith(" alert: " + stalled + " Stalled: " + last.get("explanation").asText());
            assertThat(result.err().lines().toList().getLast())
                    .isEqualTo(stalled + " is Stalled (--fail-on stalled).");
        }
    }

    @Test
    void otlpReceivesEverySampleAsProtobufMetrics() throws Exception {
        try (var collector = OtlpReceiver.start()) {
            var result = kafka("lag", "--group", behind, "--group", caughtUp, "--watch", "--interval", "1s",
                    "--window", "2s", "--samples", "2", "-o", "json", "--otlp", collector.address());

            assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(result.err().lines()).as("the stopped group's alert, and no word of a failed export")
                    .singleElement().asString().contains(" alert: " + behind + " Stopped");
            assertThat(jsonLines(result)).hasSize(4);
            List<OtlpReceiver.Request> exports = collector.requests();
            assertThat(exports).as("one export per sample, when it is taken").hasSize(2);
            assertThat(exports).allSatisfy(export -> {
                assertThat(export.method()).isEqualTo("POST");
                assertThat(export.path()).isEqualTo("/v1/metrics");
                assertThat(export.contentType()).isEqualTo("application/x-protobuf");
                assertThat(export.text()).contains(LagMetrics.LAG, LagMetrics.GROUP_LAG, LagMetrics.TIME_LAG,
                        LagMetrics.STATUS, behind, caughtUp, topic, "service.name", LagMetrics.SERVICE_NAME,
                        "flowdeck.cluster", bootstrap, "group", "partition", "status",
                        LagMetrics.statusName(GroupStatus.STOPPED), LagMetrics.statusName(GroupStatus.OK));
            });
        }
    }

    @Test
    void aCollectorThatCannotBeReachedIsSaidOnceAndTheWatchGoesOn() {
        String collector = "http://127.0.0.1:" + closedPort();
        var result = kafka("lag", "--group", caughtUp, "--watch", "--interval", "1s", "--window", "2s",
                "--samples", "2", "-o", "json", "--otlp", collector);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(jsonLines(result)).hasSize(2);
        assertThat(result.err().lines()).singleElement().asString().isEqualTo("The metrics could not be sent to "
                + collector + "/v1/metrics (nothing answers there); the watch goes on and tries again with every "
                + "sample.");
    }

    @Test
    void aCollectorThatRefusesTheMetricsIsSaid() throws Exception {
        try (var collector = OtlpReceiver.start()) {
            String wrongPath = collector.address() + "/not-metrics";
            var result = kafka("lag", "--group", caughtUp, "--watch", "--interval", "1s", "--window", "2s",
                    "--samples", "2", "-o", "json", "--otlp", wrongPath);

            assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(collector.requests()).as("asked once per sample, never retried").hasSize(2);
            assertThat(result.err().lines()).singleElement().asString().isEqualTo("The metrics could not be sent to "
                    + wrongPath + " (the collector did not take them; java -Dflowdeck.log=INFO shows its answer); "
                    + "the watch goes on and tries again with every sample.");
        }
    }

    /** The connector does not read the oldest waiting record's age yet: until it does, null; then a true age. */
    private static void assertUnknownOrSinceProduced(JsonNode timeLagMs) {
        if (!timeLagMs.isNull()) {
            assertThat(timeLagMs.asLong()).isBetween(0L, Duration.between(produced, Instant.now()).toMillis());
        }
    }

    private static CliRun.Result kafka(String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-server", bootstrap));
        return cli().run(all.toArray(String[]::new));
    }

    private static TopicPartition partition(int number) {
        return new TopicPartition(topic, number);
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }
}
