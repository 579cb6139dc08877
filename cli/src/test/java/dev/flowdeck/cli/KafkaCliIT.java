package dev.flowdeck.cli;

import static dev.flowdeck.cli.CliRun.cli;
import static dev.flowdeck.cli.TestKafka.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.profiles.ProfileRepository;
import dev.flowdeck.profiles.SessionSecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands against a real Kafka broker, on a topic whose every record is known (see {@link TestKafka}). */
class KafkaCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static String bootstrap;
    private static String topic;

    @BeforeAll
    static void fillTopic() throws Exception {
        bootstrap = TestKafka.bootstrapServers();
        topic = TestKafka.ordersTopic();
    }

    @Test
    void browseAsJsonLinesReadsBackEveryRecordByteForByte() {
        var result = kafka("browse", topic, "--output", "jsonl");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).as("stderr stays empty for scripts").isEmpty();
        List<JsonNode> lines = jsonLines(result);
        assertThat(lines).hasSize(TestKafka.ORDERS + 2);
        assertThat(lines).allSatisfy(line -> assertThat(line.get("destination").asText()).isEqualTo(topic));

        JsonNode order7 = byKey(lines, "ord-7");
        assertThat(order7.get("value").asText()).isEqualTo("{\"orderId\":\"ord-7\",\"amount\":70,\"status\":\"PAID\"}");
        assertThat(order7.get("timestamp").asText()).isEqualTo("2026-01-01T00:00:07Z");
        assertThat(order7.get("headers").toString())
                .isEqualTo("[{\"name\":\"type\",\"value\":\"OrderPlaced\",\"encoding\":\"utf-8\"}]");
        assertThat(order7.has("valueEncoding")).isFalse();

        JsonNode binary = byKey(lines, "bin");
        assertThat(binary.get("valueEncoding").asText()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(binary.get("value").asText())).isEqualTo(TestKafka.BINARY);
        assertThat(binary.get("headers").size()).as("a repeated header stays repeated").isEqualTo(2);
        assertThat(binary.get("headers").get(1).get("encoding").asText()).isEqualTo("base64");

        assertThat(lines.stream().filter(line -> line.get("key").asText().equals("ord-3")
                && line.get("value").isNull())).as("the tombstone").hasSize(1);
    }

    @Test
    void searchByRegexFindsOnlyTheFailedOrders() {
        var result = kafka("search", topic, "--regex", "\"status\":\"FAIL(ED)?\"", "-o", "jsonl");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(keys(jsonLines(result)))
                .isEqualTo(keys(IntStream.range(0, TestKafka.ORDERS).filter(i -> i % 5 == 0)));
    }

    @Test
    void searchByJsonPathComparesNumbers() {
        var result = kafka("search", topic, "--jsonpath", "$.amount > 200", "-o", "jsonl");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(keys(jsonLines(result))).isEqualTo(keys(IntStream.rangeClosed(21, 29)));
    }

    @Test
    void searchByKeyReadsOnePartitionAndSaysSo() {
        var result = kafka("search", topic, "--key", "ord-7", "-o", "jsonl");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(keys(jsonLines(result))).containsExactly("ord-7");
        assertThat(result.err()).startsWith("Note: Searched partition ").contains(" only: the default partitioner");
    }

    @Test
    void searchFindingNothingExitsOneAndPrintsNothing() {
        var result = kafka("search", topic, "--contains", "no order says this");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.NOTHING_FOUND);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEmpty();
    }

    @Test
    void filtersCombineWithATimeRange() {
        var result = kafka("search", topic, "--since", BASE.plusSeconds(10).toString(),
                "--until", BASE.plusSeconds(20).toString(), "--jsonpath", "$.status == \"PAID\"", "-o", "jsonl");

        assertThat(keys(jsonLines(result))).isEqualTo(keys(IntStream.range(10, 20).filter(i -> i % 5 != 0)));
    }

    @Test
    void positionsPartitionsAndLimits() {
        List<JsonNode> last = jsonLines(kafka("browse", topic, "--last", "6", "-o", "jsonl"));
        assertThat(last).hasSize(6);

        List<JsonNode> since = jsonLines(kafka("browse", topic, "--since", BASE.plusSeconds(25).toString(),
                "-o", "jsonl"));
        assertThat(keys(since)).isEqualTo(keys(IntStream.range(25, TestKafka.ORDERS)));

        List<JsonNode> partition = jsonLines(kafka("browse", topic, "--partition", "1", "-o", "jsonl"));
        assertThat(partition).isNotEmpty().allSatisfy(line -> assertThat(line.get("partition").asInt()).isOne());

        List<JsonNode> fromOffset = jsonLines(kafka("browse", topic, "--offset", "5", "-o", "jsonl"));
        assertThat(fromOffset).isNotEmpty()
                .allSatisfy(line -> assertThat(line.get("offset").asLong()).isGreaterThanOrEqualTo(5));

        var limited = kafka("browse", topic, "--limit", "4", "-o", "jsonl");
        assertThat(limited.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(jsonLines(limited)).hasSize(4);
    }

    @Test
    void theTableFitsTheTerminal() {
        var result = cli().env("COLUMNS", "80").run("browse", topic, "--bootstrap-server", bootstrap,
                "--jsonpath", "$.amount >= 100", "--limit", "3");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        List<String> lines = result.outLines();
        assertThat(lines).hasSize(4);
        assertThat(lines.getFirst()).startsWith("TIME").contains("PART").contains("OFFSET").contains("KEY")
                .contains("VALUE");
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
        assertThat(lines.get(1)).startsWith("2026-01-01T00:00:").contains("ord-").contains("{\"orderId\"");
    }

    @Test
    void csvToAFileLeavesStdoutEmpty(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("failed.csv");
        var result = kafka("search", topic, "--contains", "FAILED", "--out", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEmpty();
        List<String> rows = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(rows.getFirst()).isEqualTo(
                "destination,partition,offset,timestamp,key,keyEncoding,value,valueEncoding,headers,properties");
        assertThat(rows).hasSize(1 + 6);
    }

    @Test
    void followTailsUntilTheLimit() throws Exception {
        String live = TestKafka.newTopic(1);
        var tail = CompletableFuture.supplyAsync(() -> kafka("search", live, "--follow", "--contains", "live-marker",
                "--limit", "1", "-o", "jsonl"));
        try (var producer = TestKafka.producer()) {
            producer.send(new ProducerRecord<>(live, TestKafka.bytes("k"), TestKafka.bytes("not this one")));
            producer.send(new ProducerRecord<>(live, TestKafka.bytes("k"), TestKafka.bytes("{\"live-marker\":1}")));
        }
        var result = tail.get(60, TimeUnit.SECONDS);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(jsonLines(result)).singleElement()
                .satisfies(line -> assertThat(line.get("value").asText()).isEqualTo("{\"live-marker\":1}"));
    }

    @Test
    void aSavedProfileIsFoundByName(@TempDir Path config) {
        new ProfileRepository(config, new SessionSecretStore())
                .save(ConnectionProfile.kafka("Local Kafka", bootstrap), Map.of());
        var result = cli().configDirectory(config).run("browse", topic, "--profile", "local kafka", "--limit", "2",
                "-o", "jsonl");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(jsonLines(result)).hasSize(2);
    }

    @Test
    void anUnknownTopicIsOneSentenceAndCodeThree() {
        var result = kafka("browse", "no-such-topic");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.BROKER);
        assertThat(result.err()).isEqualTo("Topic 'no-such-topic' does not exist on " + bootstrap + "."
                + System.lineSeparator());
        assertThat(result.out()).isEmpty();
    }

    @Test
    void anUnreachableBrokerIsOneSentenceAndCodeThree() {
        String closed = "127.0.0.1:" + closedPort();
        var result = cli().run("search", topic, "--bootstrap-server", closed, "--contains", "x");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.BROKER);
        assertThat(result.err()).startsWith("No answer from " + closed + " within ").hasLineCount(1)
                .doesNotContain("Exception");
    }

    @Test
    void invalidFiltersAreCodeFour() {
        var regex = kafka("search", topic, "--regex", "(?<=a)b");
        assertThat(regex.exitCode()).isEqualTo(ExitCodes.INVALID_FILTER);
        assertThat(regex.err()).contains("RE2 syntax").hasLineCount(1);

        var jsonPath = kafka("search", topic, "--jsonpath", "$.amount > lots");
        assertThat(jsonPath.exitCode()).isEqualTo(ExitCodes.INVALID_FILTER);
        assertThat(jsonPath.err()).contains("'lots' is not a value").hasLineCount(1);
    }

    private static CliRun.Result kafka(String... args) {
        var all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-server", bootstrap));
        return cli().run(all.toArray(String[]::new));
    }

    static List<JsonNode> jsonLines(CliRun.Result result) {
        return result.outLines().stream().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    private static JsonNode byKey(List<JsonNode> lines, String key) {
        return lines.stream().filter(line -> line.get("key").asText().equals(key) && !line.get("value").isNull())
                .findFirst().orElseThrow();
    }

    private static Set<String> keys(List<JsonNode> lines) {
        return lines.stream().map(line -> line.get("key").asText()).collect(Collectors.toSet());
    }

    private static Set<String> keys(IntStream orders) {
        return orders.mapToObj(i -> "ord-" + i).collect(Collectors.toSet());
    }

    static int closedPort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
