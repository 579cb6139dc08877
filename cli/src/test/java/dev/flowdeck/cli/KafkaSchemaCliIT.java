package dev.flowdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.schemas.SchemaDecoder;
import dev.flowdeck.schemas.SchemaSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code flowdeck search --schema-registry} on a real Kafka topic of Avro values in the registry's wire format: the
 * registry is the JDK's HTTP server answering {@code GET /schemas/ids/1} as the Confluent-compatible API documents
 * it (no registry runs here), and the values are written by the schemas module's Avro writer.
 */
class KafkaSchemaCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Payment\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"amount\",\"type\":\"long\"}]}";

    private static HttpServer registry;
    private static String registryUrl;
    private static String topic;
    private static String bootstrap;

    @BeforeAll
    static void writeAvro() throws Exception {
        registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] schema = JSON.writeValueAsBytes(Map.of("schema", SCHEMA));
        registry.createContext("/", exchange -> {
            try (exchange) {
                boolean known = exchange.getRequestURI().getPath().equals("/schemas/ids/1");
                byte[] body = known ? schema : "{\"error_code\":40403,\"message\":\"Schema not found\"}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(known ? 200 : 404, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        registry.start();
        registryUrl = "http://127.0.0.1:" + registry.getAddress().getPort();
        bootstrap = TestKafka.bootstrapServers();
        topic = TestKafka.newTopic(1);
        var writer = new SchemaDecoder(SchemaSettings.of(ConnectionProfile.kafka("w", bootstrap)
                .withProperties(Map.of(SchemaSettings.REGISTRY_URL, registryUrl))));
        try (var producer = TestKafka.producer()) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, TestKafka.bytes("pay-" + i), writer.encodeAvro(1,
                        ("{\"id\":\"pay-" + i + "\",\"amount\":" + (i * 10) + "}").getBytes(StandardCharsets.UTF_8))));
            }
            byte[] unknown = {0, 0, 0, 0, 9, 2, 'x'};
            producer.send(new ProducerRecord<>(topic, TestKafka.bytes("lost"), unknown));
        }
    }

    @AfterAll
    static void stopRegistry() {
        registry.stop(0);
    }

    @Test
    void searchFiltersTheAvroValuesJsonAndWritesItWithItsSchemaAndRawBytes() throws Exception {
        var result = CliRun.cli().run("search", topic, "--bootstrap-server", bootstrap, "--schema-registry",
                registryUrl, "--jsonpath", "$.amount >= 30", "-o", "jsonl");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        List<JsonNode> lines = KafkaCliIT.jsonLines(result);
        assertThat(lines).extracting(line -> idOf(line.get("value").asText())).containsExactly("pay-3", "pay-4");
        assertThat(lines.getFirst().get("valueSchema").asText()).isEqualTo("Avro, schema id 1");
        assertThat(Base64.getDecoder().decode(lines.getFirst().get("rawValue").asText())[0]).isZero();
    }

    @Test
    void aRecordOfAnUnknownSchemaIdSaysSoAndTheReadGoesOn() {
        var result = CliRun.cli().run("browse", topic, "--bootstrap-server", bootstrap, "--schema-registry",
                registryUrl, "-o", "jsonl");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        List<JsonNode> lines = KafkaCliIT.jsonLines(result);
        assertThat(lines).hasSize(6);
        assertThat(lines.getLast().get("valueSchema").asText()).startsWith("Schema registry frame, schema id 9: ")
                .contains("has no schema id 9");
        assertThat(lines.getLast().has("rawValue")).isFalse(); // the value itself is the raw bytes (base64)
    }

    private static String idOf(String json) {
        try {
            return JSON.readTree(json).get("id").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
