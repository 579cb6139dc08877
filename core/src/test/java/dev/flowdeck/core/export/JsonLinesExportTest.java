package dev.flowdeck.core.export;

import static dev.flowdeck.core.export.ExportedMessages.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLinesExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTextMessageIsOneReadableLine() {
        String written = export(List.of(ExportedMessages.plain()));
        assertThat(written).isEqualTo("{\"destination\":\"orders\",\"partition\":2,\"offset\":42,"
                + "\"timestamp\":\"2026-05-01T09:30:00.123Z\",\"key\":\"ord-1\",\"value\":\"{\\\"amount\\\":120}\","
                + "\"headers\":[{\"name\":\"trace\",\"value\":\"abc\",\"encoding\":\"utf-8\"}]}\n");
    }

    @Test
    void aValueReadThroughItsSchemaIsWrittenAsItsJsonWithItsSchemaAndItsRawBytesInBase64() throws IOException {
        byte[] frame = {0, 0, 0, 0, 7, 2, 'x'}; // valid UTF-8, binary all the same
        var read = dev.flowdeck.core.decode.DecodedValue.read("Avro", 7, "orders-value v1", "{}",
                utf8("{\"id\":\"x\"}"));
        var failed = dev.flowdeck.core.decode.DecodedValue.failed("Avro", 9, "No schema id 9.");
        var message = new BrowsedMessage("orders", 0, 1, Instant.EPOCH, null, frame, List.of());

        List<String> lines = export(List.of(message.withDecoded(read), message.withDecoded(failed))).lines().toList();
        JsonNode decoded = JSON.readTree(lines.get(0));
        JsonNode notDecoded = JSON.readTree(lines.get(1));

        assertThat(decoded.get("value").asText()).isEqualTo("{\"id\":\"x\"}");
        assertThat(decoded.get("valueSchema").asText()).isEqualTo("Avro, schema id 7 (orders-value v1)");
        assertThat(Base64.getDecoder().decode(decoded.get("rawValue").asText())).isEqualTo(frame);
        assertThat(decoded.get("rawValueEncoding").asText()).isEqualTo("base64");
        assertThat(notDecoded.get("valueSchema").asText()).isEqualTo("Avro, schema id 9: No schema id 9.");
        assertThat(notDecoded.has("rawValue")).isFalse();
        assertThat(notDecoded.get("value").asText().getBytes(StandardCharsets.UTF_8)).isEqualTo(frame);
    }

    @Test
    void everyMessageReadsBackToTheSameBytes() throws IOException {
        List<BrowsedMessage> messages = ExportedMessages.all();
        String written = export(messages);

        assertThat(written).endsWith("\n");
        List<String> lines = written.lines().toList();
        assertThat(lines).hasSize(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            BrowsedMessage original = messages.get(i);
            BrowsedMessage read = readBack(JSON.readTree(lines.get(i)));
            assertThat(read.destination()).isEqualTo(original.destination());
            assertThat(read.partition()).isEqualTo(original.partition());
            assertThat(read.offset()).isEqualTo(original.offset());
            assertThat(read.timestamp()).isEqualTo(original.timestamp());
            assertThat(read.key()).as("key of " + i).isEqualTo(original.key());
            assertThat(read.value()).as("value of " + i).isEqualTo(original.value());
            assertThat(read.headers()).as("headers of " + i).hasSameSizeAs(original.headers());
            for (int h = 0; h < original.headers().size(); h++) {
                assertThat(read.headers().get(h).name()).isEqualTo(original.headers().get(h).name());
                assertThat(read.headers().get(h).value()).isEqualTo(original.headers().get(h).value());
            }
            assertThat(read.redelivered()).isEqualTo(original.redelivered());
            assertThat(read.properties()).isEqualTo(original.properties());
        }
    }

    @Test
    void bytesThatAreNotUtf8AreBase64AndSaySo() throws IOException {
        JsonNode line = JSON.readTree(export(List.of(ExportedMessages.binary())));
        assertThat(line.get("value").asText()).isEqualTo("gP8AQQ==");
        assertThat(line.get("valueEncoding").asText()).isEqualTo("base64");
        assertThat(line.get("keyEncoding").asText()).isEqualTo("base64");
        assertThat(line.get("headers").get(0).get("encoding").asText()).isEqualTo("base64");

        JsonNode text = JSON.readTree(export(List.of(ExportedMessages.plain())));
        assertThat(text.has("valueEncoding")).as("text needs no marker").isFalse();
    }

    @Test
    void aTombstoneStaysNullAndAnEmptyValueStaysEmpty() throws IOException {
        JsonNode tombstone = JSON.readTree(export(List.of(ExportedMessages.tombstone())));
        assertThat(tombstone.get("value").isNull()).isTrue();
        assertThat(tombstone.has("valueEncoding")).isFalse();

        JsonNode empty = JSON.readTree(export(List.of(ExportedMessages.emptyValueNullKey())));
        assertThat(empty.get("value").isTextual()).isTrue();
        assertThat(empty.get("value").asText()).isEmpty();
        assertThat(empty.get("key").isNull()).isTrue();
    }

    @Test
    void repeatedHeadersKeepTheirOrder() throws IOException {
        JsonNode headers = JSON.readTree(export(List.of(ExportedMessages.repeatedHeaders()))).get("headers");
        assertThat(headers.toString()).isEqualTo("[{\"name\":\"retry\",\"value\":\"1\",\"encoding\":\"utf-8\"},"
                + "{\"name\":\"null-one\",\"value\":null},{\"name\":\"retry\",\"value\":\"2\",\"encoding\":\"utf-8\"},"
                + "{\"name\":\"raw\",\"value\":\"gP8AQQ==\",\"encoding\":\"base64\"}]");
    }

    @Test
    void rabbitMqPropertiesComeSortedWithTheRedeliveredFlag() {
        String line = export(List.of(ExportedMessages.rabbit()));
        assertThat(line).contains("\"offset\":-1,")
                .endsWith("\"headers\":[],\"redelivered\":true,\"properties\":{\"correlation_id\":\"c-1\","
                        + "\"exchange\":\"shop.events\",\"routing_key\":\"invoice.created\"}}\n");
    }

    @Test
    void eachLineIsFlushedAsItIsWrittenAndCloseClosesTheStream() {
        var out = new RecordingStream();
        var export = ExportFormat.JSON_LINES.open(out);
        export.write(ExportedMessages.plain());
        assertThat(out.text()).endsWith("\n").hasLineCount(1);
        export.write(ExportedMessages.tombstone());
        assertThat(out.text()).hasLineCount(2);
        assertThat(export.written()).isEqualTo(2);
        assertThat(out.closed).isFalse();
        export.close();
        assertThat(out.closed).isTrue();
    }

    static String export(List<BrowsedMessage> messages) {
        var out = new ByteArrayOutputStream();
        try (var export = new JsonLinesExport(out)) {
            messages.forEach(export::write);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What a consumer of the export would do: undo the encoding rule. */
    private static BrowsedMessage readBack(JsonNode line) {
        List<MessageHeader> headers = new ArrayList<>();
        for (JsonNode header : line.get("headers")) {
            JsonNode value = header.get("value");
            headers.add(new MessageHeader(header.get("name").asText(), value.isNull() ? null
                    : decode(value.asText(), header.get("encoding").asText())));
        }
        Map<String, String> properties = new HashMap<>();
        if (line.has("properties")) {
            line.get("properties").properties().forEach(p -> properties.put(p.getKey(), p.getValue().asText()));
        }
        return new BrowsedMessage(line.get("destination").asText(), line.get("partition").asInt(),
                line.get("offset").asLong(), Instant.parse(line.get("timestamp").asText()),
                bytes(line, "key"), bytes(line, "value"), headers, line.path("redelivered").asBoolean(false),
                properties);
    }

    private static byte[] bytes(JsonNode line, String field) {
        JsonNode value = line.get(field);
        if (value.isNull()) {
            return null;
        }
        return decode(value.asText(), line.path(field + "Encoding").asText("utf-8"));
    }

    private static byte[] decode(String text, String encoding) {
        return encoding.equals("base64") ? Base64.getDecoder().decode(text) : utf8(text);
    }

    /** Sees what reached the stream, without buffering of its own. */
    static final class RecordingStream extends ByteArrayOutputStream {
        boolean closed;

        String text() {
            return toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
