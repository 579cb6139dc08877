package dev.flowdeck.core.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowdeck.core.browse.BrowsedMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * JSON Lines: one object per message and line, UTF-8, each line ending in {@code \n}:
 *
 * <pre>{@code
 * {"destination":"orders","partition":0,"offset":42,"timestamp":"2026-05-01T09:30:00.123Z","key":"ord-1",
 *  "value":"{\"amount\":120}","headers":[{"name":"trace","value":"abc","encoding":"utf-8"}]}
 * }</pre>
 *
 * <ul>
 *   <li>{@code key} and {@code value} are the text when the bytes are strict UTF-8; otherwise base64, and then a
 *       {@code "keyEncoding":"base64"} or {@code "valueEncoding":"base64"} field follows. Null stays null (a
 *       tombstone's value), distinct from an empty string.</li>
 *   <li>{@code headers} keeps their order and repeated names; each value follows the same rule, its
 *       {@code encoding} always said ({@code utf-8} or {@code base64}) unless the value is null.</li>
 *   <li>{@code timestamp} is ISO-8601 in UTC; {@code offset} is -1 where the broker has none (a RabbitMQ queue).</li>
 *   <li>RabbitMQ messages add {@code "redelivered":true} when the broker says so, and {@code properties} (exchange,
 *       routing key, AMQP properties) when there are any.</li>
 *   <li>A value read through a schema (Avro, Protobuf, JSON Schema in a schema registry's wire format) is written
 *       as its JSON text in {@code value}, with {@code "valueSchema":"Avro, schema id 7 (payments-value v1)"} and
 *       the bytes as written in {@code rawValue} (base64, with its {@code rawValueEncoding}); one that could not be
 *       read keeps its raw bytes in {@code value} and says why in {@code valueSchema}.</li>
 * </ul>
 */
public final class JsonLinesExport implements MessageExport {

    private static final JsonFactory JSON = new JsonFactory();

    private final JsonGenerator json;
    private long written;

    /** Writes to {@code out}, which this export closes. */
    public JsonLinesExport(OutputStream out) {
        try {
            json = JSON.createGenerator(out, JsonEncoding.UTF8);
            json.setRootValueSeparator(null); // each line ends itself with \n instead
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(BrowsedMessage message) {
        try {
            json.writeStartObject();
            json.writeStringField("destination", message.destination());
            json.writeNumberField("partition", message.partition());
            json.writeNumberField("offset", message.offset());
            json.writeStringField("timestamp", message.timestamp() == null ? null : message.timestamp().toString());
            writeBytes("key", message.key());
            writeBytes("value", message.readableValue());
            if (message.decoded() != null) {
                // Read through its schema: the JSON above, and what it was and the bytes as written beside it.
                json.writeStringField("valueSchema", message.decoded().note());
                if (message.decoded().isRead() && message.value() != null) {
                    // Always base64: a frame of Avro or Protobuf is binary even where its bytes happen to be UTF-8.
                    json.writeStringField("rawValue", java.util.Base64.getEncoder().encodeToString(message.value()));
                    json.writeStringField("rawValueEncoding", EncodedBytes.BASE64);
                }
            }
            json.writeFieldName("headers");
            MessageJson.writeHeaders(json, message.headers());
            if (message.redelivered()) {
                json.writeBooleanField("redelivered", true);
            }
            if (!message.properties().isEmpty()) {
                json.writeFieldName("properties");
                MessageJson.writeProperties(json, message.properties());
            }
            json.writeEndObject();
            json.writeRaw('\n');
            json.flush();
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException("The export could not be written: " + e.getMessage(), e);
        }
    }

    private void writeBytes(String field, byte[] bytes) throws IOException {
        EncodedBytes encoded = EncodedBytes.of(bytes);
        json.writeStringField(field, encoded.text());
        if (encoded.base64()) {
            json.writeStringField(field + "Encoding", EncodedBytes.BASE64);
        }
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public void close() {
        try {
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException("The export could not be finished: " + e.getMessage(), e);
        }
    }
}
