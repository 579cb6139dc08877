package dev.flowdeck.cli;

import static dev.flowdeck.cli.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.profiles.ProfileRepository;
import dev.flowdeck.profiles.SessionSecretStore;
import dev.flowdeck.sandbox.rabbit.EmbeddedRabbitNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands against a private RabbitMQ node (the sandbox's, as the connector's tests use it): a classic queue of
 * five invoices, read by holding and handing back, so every test finds all five still there.
 */
class RabbitCliIT {

    private static final int INVOICES = 5;
    private static EmbeddedRabbitNode node;
    private static Connection admin;
    private static String queue;

    @BeforeAll
    static void fillQueue() throws Exception {
        node = EmbeddedRabbitNode.start(); // stops itself through its shutdown hook
        var factory = new ConnectionFactory();
        factory.setUri(node.amqpUri());
        admin = factory.newConnection("flowdeck-cli-tests");
        queue = "cli.invoices." + UUID.randomUUID();
        try (Channel channel = admin.createChannel()) {
            channel.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "classic"));
            channel.confirmSelect();
            for (int i = 1; i <= INVOICES; i++) {
                var properties = new AMQP.BasicProperties.Builder().correlationId("order-" + i)
                        .contentType("application/json").headers(Map.of("tenant", "eu")).build();
                channel.basicPublish("", queue, properties,
                        ("{\"invoice\":" + i + ",\"amount\":" + (i * 60) + "}").getBytes(StandardCharsets.UTF_8));
            }
            channel.waitForConfirmsOrDie(10_000);
        }
    }

    @AfterAll
    static void closeAdmin() throws Exception {
        admin.close();
    }

    @Test
    void browseAsJsonLinesKeepsTheBrokersPropertiesAndHandsEverythingBack() throws Exception {
        var result = rabbit("browse", queue, "-o", "jsonl");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).isEmpty();
        List<JsonNode> lines = KafkaCliIT.jsonLines(result);
        assertThat(lines).hasSize(INVOICES);
        JsonNode first = lines.stream().filter(line -> line.get("value").asText().contains("\"invoice\":1,"))
                .findFirst().orElseThrow();
        assertThat(first.get("destination").asText()).isEqualTo(queue);
        assertThat(first.get("properties").get("correlation_id").asText()).isEqualTo("order-1");
        assertThat(first.get("properties").get("routing_key").asText()).isEqualTo(queue);
        assertThat(first.get("headers").toString())
                .isEqualTo("[{\"name\":\"tenant\",\"value\":\"eu\",\"encoding\":\"utf-8\"}]");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (Channel channel = admin.createChannel()) {
                assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isEqualTo(INVOICES);
            }
        });
    }

    @Test
    void gzippedValuesAreWrittenAsTheyReadAndSearchedThatWayWithTheBytesAsPublishedKept() throws Exception {
        String gzipped = "cli.gzipped." + UUID.randomUUID();
        byte[] compressed;
        var out = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(out)) {
            gzip.write("{\"invoice\":9,\"amount\":990}".getBytes(StandardCharsets.UTF_8));
        }
        compressed = out.toByteArray();
        try (Channel channel = admin.createChannel()) {
            channel.queueDeclare(gzipped, true, false, false, Map.of("x-queue-type", "classic"));
            channel.confirmSelect();
            channel.basicPublish("", gzipped, new AMQP.BasicProperties.Builder().contentType("application/json")
                    .contentEncoding("gzip").build(), compressed);
            channel.waitForConfirmsOrDie(10_000);
        }

        var result = rabbit("search", gzipped, "--jsonpath", "$.amount > 900", "-o", "jsonl");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        JsonNode line = KafkaCliIT.jsonLines(result).getFirst();
        assertThat(line.get("value").asText()).isEqualTo("{\"invoice\":9,\"amount\":990}");
        assertThat(line.toString()).contains("gzip-compressed application/json");
        assertThat(java.util.Base64.getDecoder().decode(line.get("rawValue").asText())).isEqualTo(compressed);
    }

    @Test
    void searchByJsonPath() {
        var result = rabbit("search", queue, "--jsonpath", "$.amount > 150", "-o", "jsonl");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(KafkaCliIT.jsonLines(result)).extracting(line -> line.get("value").asText())
                .containsExactlyInAnyOrder("{\"invoice\":3,\"amount\":180}", "{\"invoice\":4,\"amount\":240}",
                        "{\"invoice\":5,\"amount\":300}");
    }

    @Test
    void aLimitCountsMatchesNotMessagesRead() {
        var result = rabbit("search", queue, "--jsonpath", "$.amount > 150", "--limit", "2", "-o", "jsonl");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(KafkaCliIT.jsonLines(result)).hasSize(2)
                .allSatisfy(line -> assertThat(line.get("value").asText()).matches(".*\"amount\":(180|240|300)}"));
    }

    @Test
    void searchFindingNothingExitsOne() {
        var result = rabbit("search", queue, "--header", "tenant=us");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.NOTHING_FOUND);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aUserInTheUriTakesThePasswordFromTheEnvironment() {
        String uri = "amqp://" + EmbeddedRabbitNode.USER + "@127.0.0.1:" + node.amqpPort() + "/";
        var right = cli().env("FLOWDECK_PASSWORD", EmbeddedRabbitNode.PASSWORD).run("search", queue,
                "--amqp-uri", uri, "--management-url", node.managementUri(), "--contains", "invoice", "-n", "1");
        assertThat(right.exitCode()).isEqualTo(ExitCodes.OK);

        var wrong = cli().env("FLOWDECK_PASSWORD", "not-the-password").run("browse", queue,
                "--amqp-uri", uri, "--management-url", node.managementUri());
        assertThat(wrong.exitCode()).isEqualTo(ExitCodes.BROKER);
        assertThat(wrong.err()).contains("refused the credentials").hasLineCount(1)
                .doesNotContain("not-the-password");
    }

    @Test
    void aSavedProfileWithItsPasswordInTheStore(@TempDir Path config) {
        var keychain = new SessionSecretStore();
        new ProfileRepository(config, keychain).save(ConnectionProfile.rabbitMq("Billing", "amqp://127.0.0.1:"
                        + node.amqpPort() + "/").withUsername(EmbeddedRabbitNode.USER)
                        .withProperties(Map.of("management.url", node.managementUri())),
                Map.of("password", EmbeddedRabbitNode.PASSWORD));

        var result = cli().configDirectory(config).secrets(keychain).run("browse", queue, "--profile", "Billing",
                "-o", "jsonl");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(KafkaCliIT.jsonLines(result)).hasSize(INVOICES);
    }

    @Test
    void anUnknownQueueIsOneSentenceAndCodeThree() {
        var result = rabbit("browse", "no-such-queue");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.BROKER);
        assertThat(result.err()).isEqualTo("Queue 'no-such-queue' does not exist in vhost '/' on 127.0.0.1:"
                + node.amqpPort() + "." + System.lineSeparator());
    }

    @Test
    void anUnreachableBrokerIsOneSentenceAndCodeThree() {
        int closed = KafkaCliIT.closedPort();
        var result = cli().run("browse", queue, "--amqp-uri", "amqp://127.0.0.1:" + closed + "/",
                "--management-url", "http://127.0.0.1:" + closed + "/api/");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.BROKER);
        assertThat(result.err()).startsWith("No answer from the management API at http://127.0.0.1:" + closed)
                .hasLineCount(1);
    }

    private static CliRun.Result rabbit(String... args) {
        var all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--amqp-uri", "amqp://127.0.0.1:" + node.amqpPort() + "/",
                "--management-url", node.managementUri()));
        return cli().run(all.toArray(String[]::new));
    }
}
