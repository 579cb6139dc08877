package dev.flowdeck.core.export;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Messages that test every rule of the exports: text, binary, null, empty, repeated headers, CSV's specials. */
final class ExportedMessages {

    static final Instant T = Instant.parse("2026-05-01T09:30:00.123Z");
    /** Not UTF-8: a lone continuation byte, an invalid lead byte, and a zero. */
    static final byte[] BINARY = {(byte) 0x80, (byte) 0xff, 0x00, 0x41};

    private ExportedMessages() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static BrowsedMessage plain() {
        return new BrowsedMessage("orders", 2, 42, T, utf8("ord-1"), utf8("{\"amount\":120}"),
                List.of(new MessageHeader("trace", utf8("abc"))));
    }

    static BrowsedMessage binary() {
        return new BrowsedMessage("orders", 0, 7, T, BINARY, BINARY,
                List.of(new MessageHeader("kafka_dlt-original-offset", new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) 200})));
    }

    static BrowsedMessage tombstone() {
        return new BrowsedMessage("orders", 1, 8, T, utf8("ord-9"), null, List.of());
    }

    static BrowsedMessage emptyValueNullKey() {
        return new BrowsedMessage("orders", 1, 9, T, null, new byte[0], List.of());
    }

    static BrowsedMessage repeatedHeaders() {
        return new BrowsedMessage("orders", 0, 10, T, utf8("k"), utf8("v"), List.of(
                new MessageHeader("retry", utf8("1")), new MessageHeader("null-one", null),
                new MessageHeader("retry", utf8("2")), new MessageHeader("raw", BINARY)));
    }

    static BrowsedMessage csvSpecials() {
        return new BrowsedMessage("a,b \"queue\"", 0, 11, T, utf8("key, with \"quotes\""),
                utf8("line one\r\nline two, \"quoted\"\nünïcödé ✓"),
                List.of(new MessageHeader("note", utf8("x,y"))));
    }

    static BrowsedMessage rabbit() {
        return new BrowsedMessage("billing.invoices", 0, -1, T, utf8("invoice.created"), utf8("{}"), List.of(), true,
                Map.of("routing_key", "invoice.created", "exchange", "shop.events", "correlation_id", "c-1"));
    }

    static List<BrowsedMessage> all() {
        return List.of(plain(), binary(), tombstone(), emptyValueNullKey(), repeatedHeaders(), csvSpecials(),
                rabbit());
    }
}
