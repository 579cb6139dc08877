package dev.flowdeck.cli;

import static dev.flowdeck.cli.CliRun.cli;
import static dev.flowdeck.cli.TestKafka.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.connectors.kafka.KafkaBrokerConnection;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.replay.PlanFile;
import dev.flowdeck.replay.Provenance;
import dev.flowdeck.replay.ReplayOptions;
import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replayconnect.ReplayJob;
import dev.flowdeck.replayconnect.Replays;
import dev.flowdeck.store.FileAuditLog;
import dev.flowdeck.store.ReplaysDirectory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dlq} and {@code replay} against a real Kafka broker, on Spring-style dead letters whose every header is
 * known: four OutOfStock failures (one cause, four SKUs) from orders partitions 0, 1, 2, 0 and two
 * NullPointerExceptions from partition 1. The replays directory and the audit log live in a temporary config
 * directory, as {@code -Dflowdeck.config.dir} would put them.
 */
class DlqReplayCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OUT_OF_STOCK = "com.acme.OutOfStockException";
    private static final String NPE = "java.lang.NullPointerException";

    @TempDir
    static Path config;

    private static String bootstrap;
    private static String orders;
    private static String deadLetters;

    @BeforeAll
    static void produceDeadLetters() throws Exception {
        bootstrap = TestKafka.bootstrapServers();
        String prefix = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        orders = TestKafka.newTopicNamed(prefix + "-orders", 3);
        deadLetters = TestKafka.newTopicNamed(prefix + "-orders.DLT", 3);
        int[] partitions = {0, 1, 2, 0, 1, 1};
        try (var producer = TestKafka.producer()) {
            for (int i = 0; i < partitions.length; i++) {
                boolean stock = i < 4;
                var letter = new ProducerRecord<>(deadLetters, partitions[i], bytes("ord-" + i),
                        bytes("{\"orderId\":\"ord-" + i + "\"}"));
                letter.headers().add("type", bytes("OrderPlaced"));
                letter.headers().add("kafka_dlt-original-topic", bytes(orders));
                letter.headers().add("kafka_dlt-original-partition",
                        ByteBuffer.allocate(4).putInt(partitions[i]).array());
                letter.headers().add("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(100 + i).array());
                letter.headers().add("kafka_dlt-exception-fqcn", bytes(stock ? OUT_OF_STOCK : NPE));
                letter.headers().add("kafka_dlt-exception-message",
                        bytes(stock ? "SKU-" + (4000 + i) + " has 0 units available" : "customer is null"));
                producer.send(letter);
            }
            producer.flush();
        }
    }

    @Test
    void dlqListNamesTheDeadLetterTopicWithItsEvidenceAndCount() throws Exception {
        var result = dlq("list");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        JsonNode listed = null;
        for (JsonNode destination : JSON.readTree(result.out())) {
            assertThat(destination.get("name").asText()).isNotEqualTo(orders);
            if (destination.get("name").asText().equals(deadLetters)) {
                listed = destination;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("count").asLong()).isEqualTo(6);
        assertThat(listed.get("evidence").get(0).get("kind").asText()).isEqualTo("name pattern");
    }

    @Test
    void dlqGroupsGroupsByOriginAndMaskedFailure() throws Exception {
        JsonNode groups = JSON.readTree(dlq("groups", deadLetters).out());

        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).get("count").asLong()).isEqualTo(4);
        assertThat(groups.get(0).get("exception").asText()).isEqualTo(OUT_OF_STOCK + ": SKU-<n> has <n> units "
                + "available");
        assertThat(groups.get(0).get("origin").asText()).isEqualTo(orders);
        assertThat(groups.get(1).get("count").asLong()).isEqualTo(2);
        assertThat(groups.get(1).get("exception").asText()).startsWith(NPE);
        assertThat(groups.get(0).get("id").asText()).isNotEqualTo(groups.get(1).get("id").asText());
    }

    @Test
    void dlqShowDecodesTheDeadLettersOfOneGroupUpToTheLimit() throws Exception {
        String group = groupId(OUT_OF_STOCK);

        var all = dlq("show", deadLetters, "--group", group);
        assertThat(all.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(all.outLines()).hasSize(4).allSatisfy(line -> {
            JsonNode letter = read(line);
            assertThat(letter.get("group").asText()).isEqualTo(group);
            assertThat(letter.get("origin").asText()).isEqualTo(orders);
            assertThat(letter.get("failure").get("exception").asText()).isEqualTo(OUT_OF_STOCK);
            assertThat(letter.get("convention").asText()).isEqualTo("SPRING_KAFKA");
        });

        assertThat(dlq("show", deadLetters, "--group", group, "--limit", "2").outLines()).hasSize(2);
        var none = dlq("show", deadLetters, "--group", "0000000000");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.NOTHING_FOUND);
        assertThat(none.err()).contains("dlq groups");
    }

    @Test
    void aDryRunPrintsWhatWouldGoWhereAndSendsNothing(@TempDir Path ownConfig) throws Exception {
        int before = records(orders).size();

        var dry = cli().configDirectory(ownConfig).run("replay", deadLetters, "--group", groupId(OUT_OF_STOCK),
                "--dry-run", "--bootstrap-server", bootstrap);

        assertThat(dry.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(dry.out()).contains(" → " + orders + ", partition 0").contains(" → " + orders + ", partition 2")
                .contains("- header kafka_dlt-exception-fqcn").contains("4 to send, 0 held back");
        var json = cli().configDirectory(ownConfig).run("replay", deadLetters, "--group", groupId(OUT_OF_STOCK),
                "--dry-run", "--output", "json", "--bootstrap-server", bootstrap);
        assertThat(JSON.readTree(json.out()).get("toSend").asInt()).isEqualTo(4);
        assertThat(records(orders)).hasSize(before);
        assertThat(ReplaysDirectory.in(ownConfig)).doesNotExist();
    }

    @Test
    void aReplayDeliversTheGroupToItsOriginalPartitionsOnceAndASecondIsRefusedWithoutForce() throws Exception {
        String group = groupId(OUT_OF_STOCK);
        var unconfirmed = cli().configDirectory(config).run("replay", deadLetters, "--group", group,
                "--bootstrap-server", bootstrap);
        assertThat(unconfirmed.exitCode()).isEqualTo(ExitCodes.NOT_CONFIRMED);
        assertThat(unconfirmed.err()).contains("--yes").contains("4 events");
        assertThat(replayedKeys("ord-[0-3]")).isEmpty();

        var run = cli().configDirectory(config).run("replay", deadLetters, "--group", group, "--yes",
                "--bootstrap-server", bootstrap);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        JsonNode report = JSON.readTree(run.out());
        String replayId = report.get("replayId").asText();
        assertThat(report.get("counts").get("delivered").asInt()).isEqualTo(4);
        assertThat(report.get("delivery").asText()).isEqualTo("exactly once");
        List<ConsumerRecord<byte[], byte[]>> landed = replayed(replayId);
        assertThat(landed).hasSize(4).allSatisfy(record -> {
            int i = Integer.parseInt(new String(record.key()).substring("ord-".length()));
            assertThat(record.partition()).isEqualTo(new int[] {0, 1, 2, 0}[i]);
            assertThat(record.headers().lastHeader("kafka_dlt-exception-fqcn")).isNull();
            assertThat(new String(record.headers().lastHeader("type").value())).isEqualTo("OrderPlaced");
        });
        assertThat(Files.readString(config.resolve(FileAuditLog.FILE_NAME))).contains(replayId);

        var again = cli().configDirectory(config).run("replay", deadLetters, "--group", group, "--yes",
                "--bootstrap-server", bootstrap);
        assertThat(again.exitCode()).isEqualTo(ExitCodes.ALREADY_REPLAYED);
        assertThat(JSON.readTree(again.out()).get("counts").get("refusedAlreadyReplayed").asInt()).isEqualTo(4);
        assertThat(again.err()).contains("--force");
        assertThat(replayed(replayId)).hasSize(4);
        assertThat(replayedKeys("ord-[0-3]")).hasSize(4);
    }

    @Test
    void anInterruptedReplayIsListedAndItsResumeSendsTheRestOnce() throws Exception {
        Path plan = config.resolve("npe-plan.json");
        var saved = cli().configDirectory(config).run("replay", deadLetters, "--group", groupId(NPE),
                "--save-plan", plan.toString(), "--bootstrap-server", bootstrap);
        assertThat(saved.exitCode()).isEqualTo(ExitCodes.OK);
        ReplayPlan reviewed = PlanFile.read(plan);
        assertThat(reviewed.events()).hasSize(2);

        // The interrupted run: started and cancelled through the desktop's job before anything went out.
        var io = Executors.newFixedThreadPool(2);
        var runner = Executors.newSingleThreadScheduledExecutor();
        ConnectionProfile profile = ConnectionProfile.kafka("sandbox", bootstrap);
        try (var closing = (AutoCloseable) () -> {
            runner.shutdownNow();
            io.shutdownNow();
        }) {
            var connection = KafkaBrokerConnection.open(profile, io);
            try {
                ReplayJob job = new Replays(profile, connection, ReplaysDirectory.in(config),
                        FileAuditLog.in(config), runner, Clock.systemUTC())
                        .start(reviewed, new ReplayOptions(0, 1, false), progress -> { });
                job.cancel();
                assertThat(job.finished().toCompletableFuture().get(60, TimeUnit.SECONDS).report().cancelled())
                        .isTrue();
            } finally {
                connection.close();
            }
        }
        JsonNode listed = null;
        for (JsonNode replay : JSON.readTree(cli().configDirectory(config).run("replay", "--list", "--output",
                "json").out())) {
            if (replay.get("replayId").asText().equals(reviewed.id())) {
                listed = replay;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("state").asText()).isEqualTo("interrupted");

        var resumed = cli().configDirectory(config).typing("yes").run("replay", "--resume", reviewed.id(),
                "--bootstrap-server", bootstrap);

        assertThat(resumed.exitCode()).as(resumed.err()).isEqualTo(ExitCodes.OK);
        assertThat(JSON.readTree(resumed.out()).get("counts").get("delivered").asInt()).isEqualTo(2);
        assertThat(replayed(reviewed.id())).hasSize(2).allSatisfy(record ->
                assertThat(record.partition()).isEqualTo(1));
        var list = cli().configDirectory(config).run("replay", "--list");
        assertThat(list.out()).containsPattern(reviewed.id() + "\\s+finished");
    }

    private static CliRun.Result dlq(String... args) {
        List<String> all = new ArrayList<>(List.of("dlq"));
        all.addAll(List.of(args));
        all.addAll(List.of("--output", "json", "--bootstrap-server", bootstrap));
        return cli().configDirectory(config).run(all.toArray(String[]::new));
    }

    private static String groupId(String exception) throws Exception {
        for (JsonNode group : JSON.readTree(dlq("groups", deadLetters).out())) {
            if (group.get("exception").asText().startsWith(exception)) {
                return group.get("id").asText();
            }
        }
        throw new AssertionError("no group of " + exception);
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> replayed(String replayId) {
        return records(orders).stream().filter(record -> record.headers().lastHeader(Provenance.REPLAY_ID) != null
                && new String(record.headers().lastHeader(Provenance.REPLAY_ID).value()).equals(replayId)).toList();
    }

    /** The replayed records of orders whose key matches, whichever replay sent them. */
    private static List<ConsumerRecord<byte[], byte[]>> replayedKeys(String keys) {
        return records(orders).stream().filter(record -> record.headers().lastHeader(Provenance.REPLAY_ID) != null
                && new String(record.key()).matches(keys)).toList();
    }

    /** Every record of the topic, read with a bare consumer (not through Flowdeck). */
    private static List<ConsumerRecord<byte[], byte[]>> records(String topic) {
        try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            return all;
        }
    }
}
