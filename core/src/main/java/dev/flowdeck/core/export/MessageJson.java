package dev.flowdeck.core.export;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowdeck.core.browse.MessageHeader;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON pieces both formats share: headers as an array (names repeat, order matters) and broker properties. */
final class MessageJson {

    private MessageJson() {
    }

    /** {@code [{"name":..,"value":..,"encoding":"utf-8"|"base64"}, ...]}; a null value has no encoding. */
    static void writeHeaders(JsonGenerator json, List<MessageHeader> headers) throws IOException {
        json.writeStartArray();
        for (MessageHeader header : headers) {
            EncodedBytes value = EncodedBytes.of(header.value());
            json.writeStartObject();
            json.writeStringField("name", header.name());
            json.writeStringField("value", value.text());
            if (!value.isNull()) {
                json.writeStringField("encoding", value.encoding());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** The properties sorted by name, so two exports of the same messages are the same bytes. */
    static void writeProperties(JsonGenerator json, Map<String, String> properties) throws IOException {
        json.writeStartObject();
        for (var property : new TreeMap<>(properties).entrySet()) {
            json.writeStringField(property.getKey(), property.getValue());
        }
        json.writeEndObject();
    }
}
