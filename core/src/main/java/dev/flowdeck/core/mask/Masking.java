package dev.flowdeck.core.mask;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.decode.DecodedValue;
import dev.flowdeck.core.decode.HeaderValues;
import dev.flowdeck.core.decode.JsonLimits;
import dev.flowdeck.core.decode.Utf8;
import dev.flowdeck.core.export.MessageExport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A profile's masking rules applied to messages on their way to a person: the browser's table and detail pane,
 * copies, exports, the command line's output, the dead-letter inbox. Filters never see it: they run on the raw
 * message where it is read (decision 0022).
 *
 * <p>What it does:
 * <ul>
 *   <li>JSON values (an object or array) are read once by a streaming parser and spliced: each field or element a
 *       value rule names is masked ({@value #MASKED}), hashed ({@code hash:} and 16 hex digits, keyed per profile)
 *       or removed, and every other byte is kept as written. A value that breaks off (cut to the browser's byte
 *       budget, or malformed) is shown up to its last complete value before the break and no further.</li>
 *   <li>Headers named by a header rule (in any case) are masked, hashed (their raw bytes) or removed. With
 *       {@link MaskingSettings#maskTextPii()}, the other headers' text has its PII patterns masked too (dead
 *       letters quote failed data in exception messages and stack traces).</li>
 *   <li>Text values (not JSON) are left as they are, with a note where value rules exist; unless the profile asks
 *       for {@link MaskingSettings#maskTextPii()}, which replaces checked card numbers, e-mail addresses and IBANs
 *       in them. Binary values and keys are not masked.</li>
 * </ul>
 * Immutable and thread-safe; without rules {@link #apply} hands the message back as it is, at no cost.
 */
public final class Masking {

    /** What a masked value becomes: fixed, so nothing of it is left (not its length, not its last digits). */
    public static final String MASKED = "•••";

    /** No rules: every message as read. */
    public static final Masking NONE = new Masking(MaskingSettings.NONE, null);

    private final MaskingSettings settings;
    private final HashKey key;
    private final JsonMasker json;
    private final List<MaskRule> headerRules;

    private Masking(MaskingSettings settings, HashKey key) {
        this.settings = settings;
        this.key = key;
        this.json = new JsonMasker(settings.rules().stream()
                .filter(rule -> rule.target() == MaskRule.Target.VALUE_FIELD).toList(), key);
        this.headerRules = settings.rules().stream()
                .filter(rule -> rule.target() == MaskRule.Target.HEADER).toList();
    }

    /**
     * @param key the profile's hash key; null while it is not known yet (hashed values are then masked instead, never
     *            shown raw)
     */
    public static Masking of(MaskingSettings settings, HashKey key) {
        return settings.active() ? new Masking(settings, key) : NONE;
    }

    public MaskingSettings settings() {
        return settings;
    }

    /** Whether anything would be masked. */
    public boolean active() {
        return settings.active();
    }

    /** The message as a person may see it. Never throws, whatever the bytes. */
    public MaskedMessage apply(BrowsedMessage message) {
        if (!active()) {
            return new MaskedMessage(message, List.of(), "");
        }
        List<MaskedField> masked = new ArrayList<>();
        List<MessageHeader> headers = headers(message.headers(), masked);
        List<String> notes = new ArrayList<>();
        byte[] value = value(message.readableValue(), masked, notes);
        DecodedValue decoded = message.decoded();
        if (decoded != null && decoded.isRead()) {
            // A value read through its schema is seen as its JSON, masked here; its bytes as written carry the same
            // fields (Avro strings are plain UTF-8 inside), so the masked JSON stands in for them as well.
            decoded = new DecodedValue(decoded.format(), decoded.schemaId(), decoded.subject(), decoded.schema(),
                    value, null, decoded.jsonCut(), decoded.mismatch(), decoded.messageType());
        }
        var shown = new BrowsedMessage(message.destination(), message.partition(), message.offset(),
                message.timestamp(), message.key(), value, headers, message.redelivered(), message.properties(),
                decoded);
        if (key == null && masked.stream().anyMatch(field -> field.action() == MaskAction.HASH)) {
            notes.add("Hashed fields show " + MASKED + " until the profile's hash key is read.");
        }
        return new MaskedMessage(shown, masked, String.join(" ", notes));
    }

    /** Every message written to {@code export} is masked first; closing it closes {@code export}. */
    public MessageExport exporting(MessageExport export) {
        if (!active()) {
            return export;
        }
        return new MessageExport() {
            @Override
            public void write(BrowsedMessage message) {
                export.write(apply(message).message());
            }

            @Override
            public long written() {
                return export.written();
            }

            @Override
            public void close() {
                export.close();
            }
        };
    }

    /**
     * The raw value of one masked field, from the message as read (never from its masked copy), as the detail pane
     * shows it: a string's text, other JSON as written, a header decoded. Empty when the raw message no longer holds
     * it (its value was cut before the field: load the whole message first).
     */
    public Optional<String> reveal(BrowsedMessage raw, MaskedField field) {
        if (field.target() == MaskRule.Target.HEADER) {
            int index = (Integer) field.steps().getFirst();
            if (index >= raw.headers().size()) {
                return Optional.empty();
            }
            MessageHeader header = raw.headers().get(index);
            return Optional.of(HeaderValues.show(header.name(), header.value()).text());
        }
        if (raw.readableValue() == null) {
            return Optional.empty();
        }
        JsonNode at;
        try {
            at = JsonLimits.newMapper().readTree(raw.readableValue());
        } catch (IOException | RuntimeException notWhole) {
            return Optional.empty();
        }
        for (Object step : field.steps()) {
            if (at == null) {
                return Optional.empty();
            }
            at = step instanceof Integer index ? at.get(index) : at.get((String) step);
        }
        if (at == null) {
            return Optional.empty();
        }
        return Optional.of(at.isTextual() ? at.textValue() : at.toString());
    }

    /**
     * One header's value as a person may read it, for places that show a header's value without its message (a
     * replay's dry run, a trace's reason): empty when a rule removes it; {@value #MASKED} or its hash when a rule
     * masks or hashes it; else its text with the PII patterns masked when the profile asks for them. Not for binary
     * values: the caller decides how to show those ({@code text} is the value as it would show it).
     */
    public Optional<String> header(String name, byte[] value, String text) {
        MaskAction action = headerAction(name);
        if (action == null) {
            return Optional.ofNullable(text == null ? null : text(text));
        }
        return switch (action) {
            case REMOVE -> Optional.empty();
            case MASK -> Optional.of(MASKED);
            case HASH -> Optional.of(key == null || value == null ? MASKED : key.hash(value));
        };
    }

    /** Whether a header rule names {@code name} (in any case). */
    public boolean namesHeader(String name) {
        return headerAction(name) != null;
    }

    /**
     * Free text a person reads that may quote data (an exception's message, a stack trace): the PII patterns masked
     * when the profile asks for them, else as it is. Field and header rules cannot name anything in free text.
     */
    public String text(String text) {
        return text == null || !settings.maskTextPii() ? text : PiiPatterns.maskIn(text, MASKED);
    }

    private List<MessageHeader> headers(List<MessageHeader> headers, List<MaskedField> masked) {
        if (headerRules.isEmpty() && !settings.maskTextPii()) {
            return headers;
        }
        List<MessageHeader> shown = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            MessageHeader header = headers.get(i);
            MaskAction action = headerAction(header.name());
            if (action == null) {
                shown.add(textPii(header));
                continue;
            }
            masked.add(new MaskedField(MaskRule.Target.HEADER, header.name(), List.of(i), action));
            switch (action) {
                case REMOVE -> { }
                case MASK -> shown.add(new MessageHeader(header.name(), MASKED.getBytes(StandardCharsets.UTF_8)));
                case HASH -> shown.add(new MessageHeader(header.name(), (key == null || header.value() == null
                        ? MASKED : key.hash(header.value())).getBytes(StandardCharsets.UTF_8)));
            }
        }
        return shown;
    }

    /**
     * A header no rule names, with card numbers, e-mail addresses and IBANs masked in its text when the profile asks
     * for it: exception messages and stack traces in dead letters' headers quote the data that failed.
     */
    private MessageHeader textPii(MessageHeader header) {
        if (!settings.maskTextPii() || header.value() == null) {
            return header;
        }
        String text = Utf8.decodeOrNull(header.value());
        if (text == null) {
            return header; // binary (Spring's partition and offset headers): nothing of the patterns in it
        }
        String shown = PiiPatterns.maskIn(text, MASKED);
        return shown.equals(text) ? header : new MessageHeader(header.name(), shown.getBytes(StandardCharsets.UTF_8));
    }

    private MaskAction headerAction(String name) {
        MaskAction chosen = null;
        for (MaskRule rule : headerRules) {
            if (rule.name().equalsIgnoreCase(name)
                    && (chosen == null || rule.action().strength() > chosen.strength())) {
                chosen = rule.action();
            }
        }
        return chosen;
    }

    private byte[] value(byte[] value, List<MaskedField> masked, List<String> notes) {
        if (value == null || value.length == 0) {
            return value;
        }
        if (startsLikeJson(value)) {
            if (!json.hasRules()) {
                return value;
            }
            JsonMasker.Result result = json.rewrite(value);
            masked.addAll(result.masked());
            if (!result.complete()) {
                notes.add("The value stops being JSON after " + result.bytes().length + " bytes of it (cut, or "
                        + "malformed): what follows is withheld, since masking rules could not be applied to it.");
                return result.bytes();
            }
            return result.masked().isEmpty() ? value : result.bytes();
        }
        String text = Utf8.decodeOrNull(value);
        if (text == null) {
            return value; // binary: shown as hex, never masked
        }
        if (settings.maskTextPii()) {
            String shown = PiiPatterns.maskIn(text, MASKED);
            return shown.equals(text) ? value : shown.getBytes(StandardCharsets.UTF_8);
        }
        if (json.hasRules()) {
            notes.add("This value is text, not JSON: the profile's field rules cannot name anything in it, and it is "
                    + "shown as it is (a profile may mask card numbers, e-mail addresses and IBANs in text).");
        }
        return value;
    }

    /** The first byte that is not JSON whitespace opens an object or array (UTF-8: ASCII bytes are themselves). */
    private static boolean startsLikeJson(byte[] bytes) {
        for (byte b : bytes) {
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                continue;
            }
            return b == '{' || b == '[';
        }
        return false;
    }

    @Override
    public String toString() {
        return "Masking" + settings.rules().stream().map(MaskRule::line).toList()
                + (settings.maskTextPii() ? " + text PII" : "") + (settings.mayReveal() ? " (may reveal)" : "");
    }
}
