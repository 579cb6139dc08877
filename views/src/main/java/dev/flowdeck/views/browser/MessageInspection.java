package dev.flowdeck.views.browser;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.KeptMessage;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.decode.HeaderValues;
import dev.flowdeck.core.decode.DecodedValue;
import dev.flowdeck.core.decode.HexDump;
import dev.flowdeck.core.decode.JsonTree;
import dev.flowdeck.core.decode.PayloadFormat;
import dev.flowdeck.core.decode.PayloadKind;
import dev.flowdeck.core.decode.PayloadText;
import dev.flowdeck.core.mask.MaskedField;
import dev.flowdeck.core.mask.MaskedMessage;
import dev.flowdeck.core.trace.TraceIds;
import dev.flowdeck.views.common.Formats;
import dev.flowdeck.views.mask.ProfileMasking;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the detail pane shows of one message, decoded off the UI thread: a 10 MB value is pretty-printed,
 * parsed into a tree and dumped as hex before the pane sees it, and each of those is capped so the pane stays quick.
 *
 * @param row         the row inspected (its message whole when {@code whole})
 * @param whole       whether the value is all there, or cut as the table keeps it
 * @param coordinates where the message sits and what it weighs, in one line
 * @param valueKind   what the value is
 * @param valueText   the value as text: pretty JSON, UTF-8 text, or a pointer to the hex view
 * @param valueTree   the value as a JSON tree, when it is JSON
 * @param valueHex    a hex dump of the value
 * @param keyText     the key as text (or hex when it is not text)
 * @param headers     every header, decoded (text, Spring's binary numbers, else hex), in order
 * @param properties  the broker's own properties of the message (RabbitMQ), by name
 * @param traceId     the W3C trace id, when the message carries one
 * @param note        what the operator should know (a value cut, too long to show whole, a value that does not
 *                    match its schema); empty when nothing
 * @param schema      where the value was read through a schema (Avro, Protobuf, JSON Schema): its id, subject and
 *                    version, and its text; empty otherwise
 * @param masked      what the profile's masking hid in the message shown (every text above is the masked one); the
 *                    raw message stays in {@code row}, for a reveal
 */
public record MessageInspection(
        KeptMessage row, boolean whole, String coordinates, PayloadKind valueKind, String valueText,
        Optional<JsonTree.Node> valueTree, String valueHex, String keyText, List<Field> headers,
        List<Field> properties, Optional<String> traceId, String note, String schema, List<MaskedField> masked) {

    /** A header or property as the pane lists it. */
    public record Field(String name, String value, String kind) {
    }

    /** Text beyond this many characters is cut in the pane (copy and export still have it all). */
    static final int MAX_TEXT_CHARS = 1024 * 1024;
    static final int MAX_TREE_NODES = 5_000;
    static final int MAX_HEX_BYTES = 64 * 1024;

    static MessageInspection of(KeptMessage row, boolean whole) {
        return of(row, whole, ProfileMasking.NONE);
    }

    /** The message as the profile lets it be seen; {@code row} is kept as read. */
    static MessageInspection of(KeptMessage row, boolean whole, ProfileMasking masking) {
        MaskedMessage shownMessage = masking.apply(row.message());
        BrowsedMessage message = shownMessage.message();
        // An Avro or Protobuf value shows as its JSON; the hex view keeps the bytes as written (masked, its JSON).
        byte[] raw = message.value();
        byte[] value = message.readableValue();
        PayloadKind kind = PayloadFormat.detect(value);
        var notes = new ArrayList<String>();
        DecodedValue decoded = message.decoded();
        if (decoded != null) {
            // A registry's value names its schema id; a RabbitMQ value read by its content type has none.
            notes.add(!decoded.isRead()
                    ? (decoded.schemaId() < 0 ? "Not read: " : "Not read through its schema: ") + decoded.note()
                    : decoded.mismatch() != null ? "Does not match its schema: " + decoded.mismatch() + " (Read as "
                    + decoded.withMismatch(null).note() + ".)"
                    : "Read as " + decoded.note() + ".");
        }
        if (row.truncated()) {
            notes.add("Only the first " + Formats.bytes(row.message().value() == null ? 0
                    : row.message().value().length) + " of "
                    + Formats.bytes(row.valueBytes()) + " are loaded.");
        }
        String text = switch (kind) {
            case NULL -> "(no value: a tombstone)";
            case EMPTY -> "(empty value)";
            case JSON -> PayloadText.prettyJson(value).orElseGet(() -> PayloadText.text(value));
            case TEXT -> PayloadText.text(value);
            case BINARY -> "(binary value of " + Formats.bytes(value.length) + ": see Hex)";
        };
        if (text.length() > MAX_TEXT_CHARS) {
            text = text.substring(0, MAX_TEXT_CHARS);
            notes.add("The text shown stops at " + Formats.count(MAX_TEXT_CHARS) + " characters; copy or export "
                    + "for all of it.");
        }
        Optional<JsonTree.Node> tree = kind == PayloadKind.JSON ? JsonTree.parse(value, MAX_TREE_NODES)
                : Optional.empty();
        String hex = raw == null ? "" : HexDump.of(raw, MAX_HEX_BYTES);
        if (!shownMessage.note().isEmpty()) {
            notes.add(shownMessage.note());
        }
        return new MessageInspection(row, whole, coordinates(row), kind, text, tree, hex, keyText(message.key()),
                headers(message), properties(message.properties()), TraceIds.of(message), String.join(" ", notes),
                schemaText(decoded), shownMessage.masked());
    }

    /** The same inspection with one more thing to say. */
    MessageInspection withNote(String more) {
        String joined = note.isEmpty() ? more : note + " " + more;
        return new MessageInspection(row, whole, coordinates, valueKind, valueText, valueTree, valueHex, keyText,
                headers, properties, traceId, joined, schema, masked);
    }

    /** The Schema tab: which schema, where the registry files it, and its text pretty-printed where it is JSON. */
    private static String schemaText(DecodedValue decoded) {
        if (decoded == null) {
            return "";
        }
        String head = decoded.format() + (decoded.schemaId() < 0 ? "" : " schema id " + decoded.schemaId())
                + (decoded.subject().isEmpty() ? "" : "\nSubject " + decoded.subject())
                + (decoded.mismatch() == null ? "" : "\nThis value does not match it: " + decoded.mismatch());
        if (decoded.schema().isEmpty()) {
            return head + (decoded.problem() == null ? "" : "\n\n" + decoded.problem());
        }
        byte[] schemaBytes = decoded.schema().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String body = PayloadText.prettyJson(schemaBytes).orElse(decoded.schema());
        return head + "\n\n" + body;
    }

    private static String coordinates(KeptMessage row) {
        BrowsedMessage message = row.message();
        String where = message.offset() < 0 ? message.destination()
                : String.format("%s · partition %d · offset %s", message.destination(), message.partition(),
                Formats.count(message.offset()));
        return where + " · " + Formats.timestamp(message.timestamp()) + " · " + Formats.bytes(row.sizeInBytes());
    }

    private static String keyText(byte[] key) {
        return switch (PayloadFormat.detect(key)) {
            case NULL -> "(no key)";
            case EMPTY -> "(empty key)";
            case JSON, TEXT -> PayloadText.text(key);
            case BINARY -> HexDump.of(key, MAX_HEX_BYTES);
        };
    }

    private static List<Field> headers(BrowsedMessage message) {
        var fields = new ArrayList<Field>(message.headers().size());
        for (MessageHeader header : message.headers()) {
            HeaderValues.Shown shown = HeaderValues.show(header.name(), header.value());
            fields.add(new Field(header.name(), shown.text(), shown.kind().name().toLowerCase(Locale.ROOT)));
        }
        return fields;
    }

    private static List<Field> properties(Map<String, String> properties) {
        return properties.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> new Field(entry.getKey(), entry.getValue(), "property"))
                .toList();
    }
}
