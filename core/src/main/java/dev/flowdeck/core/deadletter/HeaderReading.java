package dev.flowdeck.core.deadletter;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.decode.Utf8;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads one message's headers for a decoder: the last header of a name wins (headers repeat once per hop), and a
 * value that cannot be read becomes a note and an empty result, never an exception.
 *
 * <p>Numbers come two ways: as decimal text (Kafka Connect, Karafka, most home-grown code) or as big-endian binary
 * (Spring writes a partition in 4 bytes, an offset or a time in 8). Decimal text wins: the 4 or 8 bytes of a binary
 * number are all ASCII digits only for values above 800 million (ints) or 3.4 × 10^18 (longs), which no partition
 * and no offset reaches.
 */
final class HeaderReading {

    /** Longer texts are cut: a group keeps a sample, and a 5 MB stack trace helps no one more than its top. */
    static final int MAX_TEXT = 32 * 1024;

    private final BrowsedMessage message;
    private final List<String> notes = new ArrayList<>();

    HeaderReading(BrowsedMessage message) {
        this.message = message;
    }

    BrowsedMessage message() {
        return message;
    }

    boolean has(String name) {
        return message.lastHeader(name).isPresent();
    }

    /** The header as UTF-8 text; empty when missing, null, blank or not text. */
    Optional<String> text(String name) {
        Optional<MessageHeader> header = message.lastHeader(name);
        if (header.isEmpty() || header.get().value() == null) {
            return Optional.empty();
        }
        String text = Utf8.decodeOrNull(header.get().value());
        if (text == null) {
            note(name + " is not UTF-8 text (" + header.get().value().length + " bytes)");
            return Optional.empty();
        }
        if (text.length() > MAX_TEXT) {
            note(name + " was cut to its first " + MAX_TEXT / 1024 + " KiB of " + text.length() + " chars");
            text = text.substring(0, MAX_TEXT);
        }
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    /** A partition: decimal text or a 4-byte big-endian int; negative means unknown (Kafka Connect's -1). */
    OptionalInt partition(String name) {
        OptionalLong number = whole(name, Integer.BYTES);
        if (number.isEmpty() || number.getAsLong() < 0) {
            return OptionalInt.empty();
        }
        if (number.getAsLong() > Integer.MAX_VALUE) {
            note(name + " holds " + number.getAsLong() + ", too large for a partition");
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) number.getAsLong());
    }

    /** An offset or a count: decimal text or an 8-byte (or 4-byte) big-endian number; negative means unknown. */
    OptionalLong offset(String name) {
        OptionalLong number = whole(name, Long.BYTES);
        return number.isPresent() && number.getAsLong() < 0 ? OptionalLong.empty() : number;
    }

    /** A time: epoch milliseconds (text or 8-byte binary) or ISO-8601 text. */
    Optional<Instant> time(String name) {
        Optional<MessageHeader> header = message.lastHeader(name);
        if (header.isEmpty() || header.get().value() == null) {
            return Optional.empty();
        }
        byte[] value = header.get().value();
        if (!decimal(value) && value.length != Long.BYTES) {
            String text = Utf8.decodeOrNull(value);
            if (text != null) {
                try {
                    return Optional.of(Instant.parse(text.strip()));
                } catch (DateTimeParseException notIso) {
                    // said below
                }
            }
            note(name + " is neither epoch milliseconds nor an ISO-8601 time");
            return Optional.empty();
        }
        OptionalLong millis = whole(name, Long.BYTES);
        return millis.isPresent() ? instant(name, millis.getAsLong()) : Optional.empty();
    }

    /** Epoch milliseconds as an instant, or a note when they lie outside what an {@link Instant} holds. */
    Optional<Instant> instant(String name, long millis) {
        if (millis < 0) {
            return Optional.empty(); // Kafka's "no timestamp"
        }
        try {
            return Optional.of(Instant.ofEpochMilli(millis));
        } catch (ArithmeticException | java.time.DateTimeException outOfRange) {
            note(name + " holds " + millis + " ms, not a time");
            return Optional.empty();
        }
    }

    private OptionalLong whole(String name, int binarySize) {
        Optional<MessageHeader> header = message.lastHeader(name);
        if (header.isEmpty() || header.get().value() == null) {
            return OptionalLong.empty();
        }
        byte[] value = header.get().value();
        if (decimal(value)) {
            try {
                return OptionalLong.of(Long.parseLong(new String(value, java.nio.charset.StandardCharsets.US_ASCII)));
            } catch (NumberFormatException tooLarge) {
                note(name + " holds a number too large to be one");
                return OptionalLong.empty();
            }
        }
        if (value.length == Long.BYTES && binarySize == Long.BYTES) {
            return OptionalLong.of(ByteBuffer.wrap(value).getLong());
        }
        if (value.length == Integer.BYTES) {
            return OptionalLong.of(ByteBuffer.wrap(value).getInt());
        }
        note(name + " holds " + value.length + " bytes that are neither a decimal number nor a "
                + (binarySize == Long.BYTES ? "4- or 8-byte" : "4-byte") + " binary one");
        return OptionalLong.empty();
    }

    /** ASCII digits with an optional leading minus, as {@link Long#parseLong} takes them. */
    private static boolean decimal(byte[] value) {
        if (value.length == 0 || value.length > 20) {
            return false;
        }
        int start = value[0] == '-' ? 1 : 0;
        if (start == value.length) {
            return false;
        }
        for (int i = start; i < value.length; i++) {
            if (value[i] < '0' || value[i] > '9') {
                return false;
            }
        }
        return true;
    }

    void note(String note) {
        notes.add(note);
    }

    List<String> notes() {
        return notes;
    }
}
