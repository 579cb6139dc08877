package dev.flowdeck.core.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowdeck.core.browse.BrowsedMessage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV as RFC 4180 has it: UTF-8, CRLF line ends, a header row, and a field in double quotes (quotes doubled)
 * when it holds a comma, a quote or a line break. The columns:
 *
 * <pre>destination,partition,offset,timestamp,key,keyEncoding,value,valueEncoding,headers,properties</pre>
 *
 * <ul>
 *   <li>{@code key} and {@code value} follow the rule of {@link JsonLinesExport}: the text when the bytes are
 *       strict UTF-8, else base64 with {@code base64} in the encoding column next to it (empty for text).</li>
 *   <li>A null key or value (a tombstone) is an empty, unquoted field; an empty one is {@code ""}, so the two
 *       stay apart for a reader that looks at quotes (most spreadsheet programs do not).</li>
 *   <li>{@code headers} is one cell holding the JSON array of {@link JsonLinesExport}; {@code properties} the
 *       JSON object of RabbitMQ's properties, empty when there are none.</li>
 * </ul>
 *
 * <p>Values are written exactly as they were, so a value beginning with {@code =}, {@code +}, {@code -} or
 * {@code @} is one a spreadsheet may run as a formula; and whoever can write to the topic chose it. Open such
 * exports as text, or read them with a CSV parser, not by double-clicking them.
 */
public final class CsvExport implements MessageExport {

    /** The header row's columns, in order. */
    public static final List<String> COLUMNS = List.of("destination", "partition", "offset", "timestamp", "key",
            "keyEncoding", "value", "valueEncoding", "headers", "properties");
    private static final String LINE_END = "\r\n";
    private static final JsonFactory JSON = new JsonFactory();

    private final Writer out;
    private long written;

    /** Writes to {@code out}, which this export closes; the header row goes out at once. */
    public CsvExport(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        try {
            this.out.write(String.join(",", COLUMNS) + LINE_END);
            this.out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("The export could not be written: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(BrowsedMessage message) {
        EncodedBytes key = EncodedBytes.of(message.key());
        EncodedBytes value = EncodedBytes.of(message.readableValue()); // an Avro value as its JSON
        try {
            field(message.destination());
            out.write(',');
            out.write(Integer.toString(message.partition()));
            out.write(',');
            out.write(Long.toString(message.offset()));
            out.write(',');
            field(message.timestamp() == null ? null : message.timestamp().toString());
            out.write(',');
            field(key.text());
            out.write(',');
            out.write(key.base64() ? EncodedBytes.BASE64 : "");
            out.write(',');
            field(value.text());
            out.write(',');
            out.write(value.base64() ? EncodedBytes.BASE64 : "");
            out.write(',');
            field(json(generator -> MessageJson.writeHeaders(generator, message.headers())));
            out.write(',');
            field(message.properties().isEmpty() ? null
                    : json(generator -> MessageJson.writeProperties(generator, message.properties())));
            out.write(LINE_END);
            out.flush();
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException("The export could not be written: " + e.getMessage(), e);
        }
    }

    private void field(String text) throws IOException {
        out.write(CsvFields.of(text));
    }

    private interface JsonWriting {
        void writeTo(JsonGenerator generator) throws IOException;
    }

    private static String json(JsonWriting writing) throws IOException {
        var text = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(text)) {
            writing.writeTo(generator);
        }
        return text.toString();
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("The export could not be finished: " + e.getMessage(), e);
        }
    }
}
