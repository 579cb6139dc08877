package dev.flowdeck.core.export;

import static dev.flowdeck.core.export.ExportedMessages.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.core.browse.BrowsedMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvExportTest {

    @Test
    void aHeaderRowThenOneRecordPerMessageWithCrlf() {
        String written = export(List.of(ExportedMessages.plain()));
        assertThat(written).isEqualTo(
                "destination,partition,offset,timestamp,key,keyEncoding,value,valueEncoding,headers,properties\r\n"
                + "orders,2,42,2026-05-01T09:30:00.123Z,ord-1,,\"{\"\"amount\"\":120}\",,"
                + "\"[{\"\"name\"\":\"\"trace\"\",\"\"value\"\":\"\"abc\"\",\"\"encoding\"\":\"\"utf-8\"\"}]\",\r\n");
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedAndReadBackExactly() {
        List<List<String>> rows = Rfc4180.parse(export(List.of(ExportedMessages.csvSpecials())));
        assertThat(rows).hasSize(2);
        List<String> row = rows.get(1);
        assertThat(row.get(0)).isEqualTo("a,b \"queue\"");
        assertThat(row.get(4)).isEqualTo("key, with \"quotes\"");
        assertThat(row.get(6)).isEqualTo("line one\r\nline two, \"quoted\"\nünïcödé ✓");
        assertThat(utf8(row.get(6))).isEqualTo(ExportedMessages.csvSpecials().value());
    }

    @Test
    void everyMessageReadsBackToTheSameBytes() throws IOException {
        List<BrowsedMessage> messages = ExportedMessages.all();
        List<List<String>> rows = Rfc4180.parse(export(messages));
        assertThat(rows.getFirst()).isEqualTo(CsvExport.COLUMNS);
        assertThat(rows).hasSize(messages.size() + 1);
        var json = new ObjectMapper();
        for (int i = 0; i < messages.size(); i++) {
            BrowsedMessage original = messages.get(i);
            List<String> row = rows.get(i + 1);
            assertThat(row).as("row " + i).hasSize(CsvExport.COLUMNS.size());
            assertThat(row.get(0)).isEqualTo(original.destination());
            assertThat(Integer.parseInt(row.get(1))).isEqualTo(original.partition());
            assertThat(Long.parseLong(row.get(2))).isEqualTo(original.offset());
            assertThat(row.get(3)).isEqualTo(original.timestamp().toString());
            assertThat(bytes(row.get(4), row.get(5))).as("key of " + i).isEqualTo(original.key());
            assertThat(bytes(row.get(6), row.get(7))).as("value of " + i).isEqualTo(original.value());
            JsonNode headers = json.readTree(row.get(8));
            assertThat(headers.size()).isEqualTo(original.headers().size());
            for (int h = 0; h < headers.size(); h++) {
                JsonNode header = headers.get(h);
                assertThat(header.get("name").asText()).isEqualTo(original.headers().get(h).name());
                byte[] value = header.get("value").isNull() ? null
                        : bytes(header.get("value").asText(), header.get("encoding").asText().replace("utf-8", ""));
                assertThat(value).isEqualTo(original.headers().get(h).value());
            }
            if (original.properties().isEmpty()) {
                assertThat(row.get(9)).isNull();
            } else {
                assertThat(json.readTree(row.get(9)).size()).isEqualTo(original.properties().size());
            }
        }
    }

    @Test
    void aTombstoneIsAnEmptyFieldAndAnEmptyValueIsTwoQuotes() {
        List<List<String>> rows = Rfc4180.parse(export(List.of(ExportedMessages.tombstone(),
                ExportedMessages.emptyValueNullKey())));
        assertThat(rows.get(1).get(6)).as("tombstone").isNull();
        assertThat(rows.get(2).get(6)).as("empty value").isEmpty();
        assertThat(rows.get(2).get(4)).as("null key").isNull();
        assertThat(export(List.of(ExportedMessages.emptyValueNullKey())))
                .endsWith("orders,1,9,2026-05-01T09:30:00.123Z,,,\"\",,[],\r\n");
    }

    @Test
    void binaryIsBase64WithItsMarker() {
        List<String> row = Rfc4180.parse(export(List.of(ExportedMessages.binary()))).get(1);
        assertThat(row.get(6)).isEqualTo("gP8AQQ==");
        assertThat(row.get(7)).isEqualTo("base64");
        assertThat(row.get(5)).isEqualTo("base64");
    }

    @Test
    void theFactoryKnowsTheFormatsByName() {
        assertThat(ExportFormat.named("jsonl")).isEqualTo(ExportFormat.JSON_LINES);
        assertThat(ExportFormat.named(" NDJSON ")).isEqualTo(ExportFormat.JSON_LINES);
        assertThat(ExportFormat.named("CSV")).isEqualTo(ExportFormat.CSV);
        assertThat(ExportFormat.CSV.open(new ByteArrayOutputStream())).isInstanceOf(CsvExport.class);
        assertThatThrownBy(() -> ExportFormat.named("xml")).hasMessage("No export format 'xml': choose jsonl or csv.");
    }

    private static String export(List<BrowsedMessage> messages) {
        var out = new ByteArrayOutputStream();
        try (var export = ExportFormat.CSV.open(out)) {
            messages.forEach(export::write);
            assertThat(export.written()).isEqualTo(messages.size());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String field, String encoding) {
        if (field == null) {
            return null;
        }
        return "base64".equals(encoding) ? Base64.getDecoder().decode(field) : utf8(field);
    }

    /** A strict RFC 4180 reader written for this test: an unquoted empty field reads as null, {@code ""} as "". */
    static final class Rfc4180 {

        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                String field;
                if (text.charAt(i) == '"') {
                    var quoted = new StringBuilder();
                    i++;
                    while (true) {
                        char c = text.charAt(i);
                        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            quoted.append('"');
                            i += 2;
                        } else if (c == '"') {
                            i++;
                            break;
                        } else {
                            quoted.append(c);
                            i++;
                        }
                    }
                    field = quoted.toString();
                } else {
                    int end = i;
                    while (end < text.length() && text.charAt(end) != ',' && text.charAt(end) != '\r') {
                        assertThat(text.charAt(end)).as("a bare line feed or quote in an unquoted field")
                                .isNotIn('\n', '"');
                        end++;
                    }
                    field = end == i ? null : text.substring(i, end);
                    i = end;
                }
                row.add(field);
                if (i < text.length() && text.charAt(i) == ',') {
                    i++;
                } else {
                    assertThat(text.startsWith("\r\n", i)).as("record ends with CRLF at " + i).isTrue();
                    i += 2;
                    rows.add(row);
                    row = new ArrayList<>();
                }
            }
            return rows;
        }
    }
}
