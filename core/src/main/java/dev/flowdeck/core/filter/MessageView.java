package dev.flowdeck.core.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.decode.JsonLimits;
import dev.flowdeck.core.decode.Utf8;
import java.io.IOException;

/**
 * One message as filters see it, decoding the value at most once whatever the number of filters: as UTF-8 text
 * (null if the bytes are not UTF-8) and as a JSON tree (null if it is not JSON). Not thread-safe: one per message
 * on the reading thread.
 */
public final class MessageView {

    /** Bounded (a payload cannot nest deep enough to overflow JSONPath's recursion) and exact with numbers. */
    private static final ObjectMapper JSON = JsonLimits.newMapper();
    private static final Object NOT_YET = new Object();

    private final BrowsedMessage message;
    private Object text = NOT_YET;
    private Object json = NOT_YET;

    public MessageView(BrowsedMessage message) {
        this.message = message;
    }

    public BrowsedMessage message() {
        return message;
    }

    /** The value as text, or null when it has none or it is not valid UTF-8. */
    public String valueText() {
        if (text == NOT_YET) {
            text = Utf8.decodeOrNull(message.readableValue());
        }
        return (String) text;
    }

    /** The value as a JSON tree, or null when it is not JSON. */
    public JsonNode valueJson() {
        if (json == NOT_YET) {
            json = parse(message.readableValue());
        }
        return (JsonNode) json;
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException notJson) {
            return null;
        } catch (NumberFormatException beyondBigDecimal) {
            // Jackson lets this through raw for an exponent no BigDecimal holds (1e9223372036854775807).
            return null;
        }
    }
}
