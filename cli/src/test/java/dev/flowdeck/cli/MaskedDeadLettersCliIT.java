package dev.flowdeck.cli;

import static dev.flowdeck.cli.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.mask.MaskRule;
import dev.flowdeck.core.mask.Masking;
import dev.flowdeck.core.mask.MaskingSettings;
import dev.flowdeck.profiles.ProfileRepository;
import dev.flowdeck.profiles.SessionSecretStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where dead letters and traces leave the broker for a person on the command line (dlq groups and show, a replay's
 * dry run, trace in both formats), a profile's header rules and text PII masking hold, against a real Kafka broker.
 */
class MaskedDeadLettersCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EMAIL = "ada@example.com";
    private static final String THROWN = "com.acme.UnknownCustomerException";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static String orders;
    private static String deadLetters;

    @TempDir
    static Path config;
    private static final SessionSecretStore SECRETS = new SessionSecretStore();
    private static ConnectionProfile profile;

    @BeforeAll
    static void aDeadLetterQuotingAnAddress() throws Exception {
        String prefix = TestKafka.newTopic(1) + "-";
        orders = TestKafka.newTopicNamed(prefix + "orders", 1);
        deadLetters = TestKafka.newTopicNamed(prefix + "orders-dlt", 1);
        Instant placed = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        try (var producer = TestKafka.producer()) {
            var order = new ProducerRecord<>(orders, null, placed.toEpochMilli(), TestKafka.bytes("ord-1"),
                    TestKafka.bytes("{\"orderId\":\"ord-1\"}"));
            order.headers().add("traceparent", TestKafka.bytes("00-" + TRACE_ID + "-00f067aa0ba902b7-01"));
            producer.send(order).get(30, TimeUnit.SECONDS);
            var letter = new ProducerRecord<>(deadLetters, null, placed.plusMillis(500).toEpochMilli(),
                    TestKafka.bytes("ord-1"), TestKafka.bytes("{\"orderId\":\"ord-1\"}"));
            letter.headers().add("traceparent", TestKafka.bytes("00-" + TRACE_ID + "-00f067aa0ba902b7-01"));
            letter.headers().add("kafka_dlt-original-topic", TestKafka.bytes(orders));
            letter.headers().add("kafka_dlt-original-partition", new byte[] {0, 0, 0, 0});
            letter.headers().add("kafka_dlt-original-offset", new byte[] {0, 0, 0, 0, 0, 0, 0, 0});
            letter.headers().add("kafka_dlt-exception-fqcn", TestKafka.bytes(THROWN));
            letter.headers().add("kafka_dlt-exception-message", TestKafka.bytes("no customer " + EMAIL));
            letter.headers().add("kafka_dlt-exception-stacktrace", TestKafka.bytes(THROWN + ": no customer "
                    + EMAIL + "\n\tat com.acme.Customers.find(Customers.java:42)"));
            producer.send(letter).get(30, TimeUnit.SECONDS);
        }
        var masking = new MaskingSettings(List.of(MaskRule.parse("header traceparent hash"),
                MaskRule.parse("header kafka_dlt-exception-fqcn mask")), true, false);
        profile = new ProfileRepository(config, SECRETS)
                .save(ConnectionProfile.kafka("Shop", TestKafka.bootstrapServers()).withMasking(masking), Map.of());
    }

    private static CliRun.Result run(String... args) {
        return cli().configDirectory(config).secrets(SECRETS).env("COLUMNS", "400").run(args);
    }

    @Test
    void dlqGroupsAndShowPrintTheCauseMasked() throws Exception {
        for (String format : List.of("table", "json")) {
            var groups = run("dlq", "groups", deadLetters, "--profile", "Shop", "-o", format);
            assertThat(groups.exitCode()).as(format).isEqualTo(ExitCodes.OK);
            assertThat(groups.out()).as(format).contains(Masking.MASKED).doesNotContain(EMAIL, THROWN);

            var show = run("dlq", "show", deadLetters, "--profile", "Shop", "-o", format);
            assertThat(show.exitCode()).as(format).isEqualTo(ExitCodes.OK);
            assertThat(show.out()).as(format).contains(Masking.MASKED).doesNotContain(EMAIL, THROWN);
        }
        // Without the profile (an address given), nothing is masked: the test's data is what it says it is.
        assertThat(cli().run("dlq", "groups", deadLetters, "--bootstrap-server", TestKafka.bootstrapServers())
                .out()).contains(EMAIL, THROWN);
    }

    @Test
    void aReplaysDryRunShowsHeaderValuesMasked() throws Exception {
        String group = JSON.readTree(run("dlq", "groups", deadLetters, "--profile", "Shop", "-o", "json").out())
                .get(0).get("id").asText();
        for (String format : List.of("table", "json")) {
            var dry = run("replay", deadLetters, "--group", group, "--dry-run", "--profile", "Shop", "-o", format);

            assertThat(dry.exitCode()).as(format).isEqualTo(ExitCodes.OK);
            assertThat(dry.out()).as(format).contains("kafka_dlt-exception-fqcn", Masking.MASKED)
                    .doesNotContain(EMAIL, THROWN, TRACE_ID);
        }
    }

    @Test
    void traceFindsTheChainByItsRawIdAndPrintsItHashedWithItsReasonMasked() throws Exception {
        String hashed = new ProfileRepository(config, SECRETS).maskingKey(profile)
                .hash(TRACE_ID.getBytes(StandardCharsets.UTF_8));
        var json = run("trace", TRACE_ID, "--profile", "Shop", "--topics", orders + "," + deadLetters, "-o", "json");

        assertThat(json.exitCode()).isEqualTo(ExitCodes.OK);
        // The query is the operator's own words; nothing else carries the id.
        assertThat(json.out().replace("\"query\":\"" + TRACE_ID + "\"", "")).doesNotContain(TRACE_ID, THROWN);
        JsonNode chain = JSON.readTree(json.out());
        assertThat(chain.get("traceId").asText()).isEqualTo(hashed);
        JsonNode letter = chain.get("events").get(1);
        assertThat(letter.get("deadLetter").asBoolean()).isTrue();
        assertThat(letter.get("reason").get("exception").asText()).isEqualTo(Masking.MASKED);

        var table = run("trace", TRACE_ID, "--profile", "Shop", "--topics", orders + "," + deadLetters);
        assertThat(table.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(table.outLines().getFirst()).isEqualTo("Chain of trace " + hashed
                + ": 2 events in 2 destinations, 500 ms from first to last");
        assertThat(table.out()).doesNotContain(THROWN).contains(Masking.MASKED);
    }
}
