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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved profile's masking on the command line, against a real Kafka broker. */
class MaskingCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CARD = "4111111111111111";
    private static final String EMAIL = "ada@example.com";
    private static final String TOKEN = "Bearer s3cr3t-t0ken";
    private static final int PAYMENTS = 5;
    private static String topic;

    @TempDir
    static Path config;
    private static final SessionSecretStore SECRETS = new SessionSecretStore();
    private static ConnectionProfile profile;

    @BeforeAll
    static void paymentsAndAMaskedProfile() throws Exception {
        topic = TestKafka.newTopic(1);
        try (var producer = TestKafka.producer()) {
            for (int i = 0; i < PAYMENTS; i++) {
                var record = new ProducerRecord<>(topic, TestKafka.bytes("pay-" + i), TestKafka.bytes(
                        "{\"id\":" + i + ",\"card\":{\"number\":\"" + CARD + "\",\"brand\":\"visa\"},"
                                + "\"payer\":{\"email\":\"" + EMAIL + "\"}}"));
                record.headers().add("Authorization", TestKafka.bytes(TOKEN));
                producer.send(record).get(30, TimeUnit.SECONDS);
            }
        }
        var masking = new MaskingSettings(List.of(MaskRule.parse("$.card.number mask"),
                MaskRule.parse("$..email hash"), MaskRule.parse("header authorization mask")), false, false);
        profile = new ProfileRepository(config, SECRETS)
                .save(ConnectionProfile.kafka("Payments", TestKafka.bootstrapServers()).withMasking(masking), Map.of());
    }

    private static CliRun.Result run(String... args) {
        return cli().configDirectory(config).secrets(SECRETS).env("COLUMNS", "400").run(args);
    }

    @Test
    void browsingWithTheProfileNeverPrintsAMaskedValue() {
        for (String format : List.of("table", "jsonl", "csv")) {
            var result = run("browse", topic, "--profile", "Payments", "-o", format);

            assertThat(result.exitCode()).as(format).isEqualTo(ExitCodes.OK);
            assertThat(result.out()).as(format).contains("pay-4").contains(Masking.MASKED)
                    .doesNotContain(CARD, EMAIL, TOKEN, "s3cr3t");
        }
    }

    @Test
    void hashesAreTheProfileKeysSoTheDesktopHashesAlike() throws Exception {
        var result = run("browse", topic, "--profile", "Payments", "-o", "jsonl");

        String expected = new ProfileRepository(config, SECRETS).maskingKey(profile)
                .hash(EMAIL.getBytes(StandardCharsets.UTF_8));
        List<JsonNode> lines = result.out().lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (Exception e) {
                throw new AssertionError(line, e);
            }
        }).toList();
        assertThat(lines).hasSize(PAYMENTS).allSatisfy(line -> {
            JsonNode value = JSON.readTree(line.get("value").asText());
            assertThat(value.at("/payer/email").asText()).isEqualTo(expected);
            assertThat(value.at("/card/brand").asText()).isEqualTo("visa");
            assertThat(line.get("headers").get(0).get("value").asText()).isEqualTo(Masking.MASKED);
        });
    }

    @Test
    void aSearchMatchesTheRawValueButPrintsItMasked() {
        // Filters run on the message as read (decision 0022): the operator may search by a card number...
        var result = run("search", topic, "--profile", "Payments", "--contains", CARD, "-o", "jsonl");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        // ...and still never sees it.
        assertThat(result.out().lines()).hasSize(PAYMENTS);
        assertThat(result.out()).doesNotContain(CARD);
    }

    @Test
    void theSameTopicWithoutAProfileIsShownAsItIs() {
        var result = cli().run("browse", topic, "--bootstrap-server", TestKafka.bootstrapServers(), "-o", "jsonl");

        assertThat(result.out()).contains(CARD, EMAIL);
    }
}
