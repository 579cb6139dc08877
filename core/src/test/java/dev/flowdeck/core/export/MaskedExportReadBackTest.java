package dev.flowdeck.core.export;

import static dev.flowdeck.core.export.ExportedMessages.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.mask.HashKey;
import dev.flowdeck.core.mask.MaskRule;
import dev.flowdeck.core.mask.Masking;
import dev.flowdeck.core.mask.MaskingSettings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exports written through a profile's masking, read back as a reader of the file would. */
class MaskedExportReadBackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CARD = "4111111111111111";
    private static final String TOKEN = "Bearer s3cr3t-t0ken";
    private static final Masking MASKING = Masking.of(new MaskingSettings(List.of(
            MaskRule.parse("$.card.number mask"), MaskRule.parse("$..email hash"), MaskRule.parse("$.cvv remove"),
            MaskRule.parse("header Authorization mask")), false, false), HashKey.random());

    private static List<BrowsedMessage> payments() {
        var messages = new ArrayList<BrowsedMessage>();
        for (int i = 0; i < 4; i++) {
            String email = i % 2 == 0 ? "ada@example.com" : "bob@example.com";
            messages.add(new BrowsedMessage("payments", 0, i, ExportedMessages.T, utf8("pay-" + i),
                    utf8("{\"id\":" + i + ",\"card\":{\"number\":\"" + CARD + "\"},\"cvv\":\"737\","
                            + "\"payer\":{\"email\":\"" + email + "\"}}"),
                    List.of(new MessageHeader("authorization", utf8(TOKEN)), new MessageHeader("trace", utf8("t")))));
        }
        return messages;
    }

    private static String export(ExportFormat format) {
        var out = new ByteArrayOutputStream();
        try (MessageExport export = MASKING.exporting(format.open(out))) {
            payments().forEach(export::write);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonLinesHoldNoMaskedValueAndTheSameHashForTheSameAddress() throws Exception {
        String file = export(ExportFormat.JSON_LINES);

        assertThat(file).doesNotContain(CARD, TOKEN, "ada@example.com", "bob@example.com", "737");
        List<JsonNode> lines = file.lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertThat(lines).hasSize(4);
        List<JsonNode> values = lines.stream().map(line -> {
            try {
                return JSON.readTree(line.get("value").asText());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertThat(values).allSatisfy(value -> {
            assertThat(value.at("/card/number").asText()).isEqualTo(Masking.MASKED);
            assertThat(value.has("cvv")).isFalse();
        });
        String ada = values.get(0).at("/payer/email").asText();
        assertThat(ada).matches("hash:[0-9a-f]{16}").isEqualTo(values.get(2).at("/payer/email").asText())
                .isNotEqualTo(values.get(1).at("/payer/email").asText());
        assertThat(lines.getFirst().get("headers").get(0).get("value").asText()).isEqualTo(Masking.MASKED);
        assertThat(lines.getFirst().get("headers").get(1).get("value").asText()).isEqualTo("t");
    }

    @Test
    void csvHoldsNoMaskedValueAndTheSameHashes() throws Exception {
        String file = export(ExportFormat.CSV);

        assertThat(file).doesNotContain(CARD, TOKEN, "ada@example.com", "737");
        List<List<String>> rows = CsvExportTest.Rfc4180.parse(file);
        assertThat(rows).hasSize(5);
        int value = rows.getFirst().indexOf("value");
        String first = JSON.readTree(rows.get(1).get(value)).at("/payer/email").asText();
        String third = JSON.readTree(rows.get(3).get(value)).at("/payer/email").asText();
        assertThat(first).startsWith("hash:").isEqualTo(third);
        assertThat(JSON.readTree(rows.get(1).get(value)).at("/card/number").asText()).isEqualTo(Masking.MASKED);
    }
}
