package dev.flowdeck.benchmarks;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;

/**
 * The records the benchmarks read: JSON order events of about 500 bytes, as a shop's {@code orders} topic holds
 * them, keyed by order id (five events per order, so the default partitioner puts an order's events together).
 *
 * <p>Record {@code i} is a pure function of {@code i}, so every count a benchmark expects is exact: one record in a
 * hundred has a disputed status (what {@link #REGEX} finds) and another one in a hundred an amount above 990 (what
 * {@link #JSON_PATH} finds). About one customer name in five is not ASCII, as in a real shop.
 */
final class OrderEvents {

    /** An RE2 expression an operator might type to find the disputed orders: 1% of records. */
    static final String REGEX = "\"status\":\"(DISPUTED|CHARGEBACK)\"";

    /** A JSONPath predicate for the big orders: 1% of records. */
    static final String JSON_PATH = "$.amount > 990";

    static final int EVENTS_PER_ORDER = 5;

    private static final Instant BASE = Instant.parse("2026-03-01T00:00:00Z");
    private static final String[] TYPES = {"OrderPlaced", "PaymentCaptured", "StockReserved", "ShipmentPrepared",
        "CustomerNotified"};
    private static final String[] STATUSES = {"PLACED", "PAID", "RESERVED", "PACKED", "NOTIFIED"};
    private static final String[] FIRST = {"Ana", "Ben", "Chloé", "David", "Emma", "Farid", "Grace", "Hugo",
        "Ines", "Jonas", "Kai", "Lena", "Marta", "Nils", "Olga", "Zoë"};
    private static final String[] LAST = {"Lima", "Schmidt", "Dubois", "Nowak", "Rossi", "Jensen", "Müller",
        "García", "Smith", "Kowalski", "Silva", "Novák", "Andersen", "Brown", "Costa", "Weber"};
    private static final String[] FIRST_ASCII = ascii(FIRST);
    private static final String[] LAST_ASCII = ascii(LAST);
    private static final String[] TIERS = {"standard", "silver", "gold"};
    private static final String[] CURRENCIES = {"EUR", "EUR", "EUR", "GBP", "USD", "SEK", "PLN", "CHF"};
    private static final String[] COUNTRIES = {"DE", "FR", "PT", "PL", "SE", "GB", "IT", "NL"};
    private static final String[] METHODS = {"standard", "express", "pickup"};
    private static final String[] CHANNELS = {"web", "ios", "android", "store"};

    private OrderEvents() {
    }

    static String orderId(long i) {
        return "ord-" + zeroPadded(i / EVENTS_PER_ORDER, 8);
    }

    static byte[] key(long i) {
        return orderId(i).getBytes(StandardCharsets.UTF_8);
    }

    static long timestamp(long i) {
        return BASE.toEpochMilli() + i * 50;
    }

    static boolean disputed(long i) {
        return i % 100 == 37;
    }

    static boolean big(long i) {
        return i % 100 == 71;
    }

    /** How many of the first {@code records} records {@link #REGEX} finds. */
    static long disputedAmong(long records) {
        return records / 100 + (records % 100 > 37 ? 1 : 0);
    }

    /** How many of the first {@code records} records {@link #JSON_PATH} finds. */
    static long bigAmong(long records) {
        return records / 100 + (records % 100 > 71 ? 1 : 0);
    }

    /**
     * The W3C {@code traceparent} of record {@code i}: one trace per order (so an order's five events make one chain)
     * and one span per event. Both ids are never all zeros, which W3C forbids.
     */
    static String traceparent(long i) {
        long order = i / EVENTS_PER_ORDER;
        return "00-" + traceId(order) + "-" + Long.toHexString(mix(i) | Long.MIN_VALUE) + "-01";
    }

    /** The 32 hex digits of an order's trace id. */
    static String traceId(long order) {
        return Long.toHexString(mix(order) | Long.MIN_VALUE) + Long.toHexString(mix(~order) | Long.MIN_VALUE);
    }

    static byte[] value(long i) {
        long h = mix(i);
        long order = i / EVENTS_PER_ORDER;
        long o = mix(order); // what stays the same across an order's events
        int type = (int) (i % EVENTS_PER_ORDER);
        long cents = big(i) ? 99_001 + Math.floorMod(h, 998) : 500 + Math.floorMod(h, 98_500);
        int first = Math.floorMod(o, FIRST.length);
        int last = Math.floorMod(o >>> 8, LAST.length);
        var json = new StringBuilder(640)
                .append("{\"type\":\"").append(TYPES[type])
                .append("\",\"eventId\":\"evt-").append(zeroPadded(i, 12))
                .append("\",\"orderId\":\"").append(orderId(i))
                .append("\",\"occurredAt\":\"").append(Instant.ofEpochMilli(timestamp(i)))
                .append("\",\"customer\":{\"id\":\"cust-").append(zeroPadded(Math.floorMod(o >>> 16, 250_000), 7))
                .append("\",\"name\":\"").append(FIRST[first]).append(' ').append(LAST[last])
                .append("\",\"email\":\"").append(FIRST_ASCII[first]).append('.').append(LAST_ASCII[last])
                .append("@example.com\",\"tier\":\"").append(TIERS[Math.floorMod(o >>> 24, TIERS.length)])
                .append("\"},\"amount\":").append(decimal(cents))
                .append(",\"currency\":\"").append(CURRENCIES[Math.floorMod(o >>> 28, CURRENCIES.length)])
                .append("\",\"items\":[");
        int items = 1 + Math.floorMod(o >>> 32, 3);
        for (int n = 0; n < items; n++) {
            long item = mix(o + n);
            if (n > 0) {
                json.append(',');
            }
            json.append("{\"sku\":\"SKU-").append(zeroPadded(Math.floorMod(item, 100_000), 5))
                    .append("\",\"qty\":").append(1 + Math.floorMod(item >>> 20, 4))
                    .append(",\"price\":").append(decimal(99 + Math.floorMod(item >>> 24, 30_000))).append('}');
        }
        json.append("],\"shipping\":{\"method\":\"").append(METHODS[Math.floorMod(o >>> 36, METHODS.length)])
                .append("\",\"country\":\"").append(COUNTRIES[Math.floorMod(o >>> 40, COUNTRIES.length)])
                .append("\",\"postcode\":\"").append(zeroPadded(Math.floorMod(o >>> 44, 100_000), 5))
                .append("\"},\"status\":\"").append(disputed(i) ? (i / 100 % 2 == 0 ? "DISPUTED" : "CHARGEBACK")
                        : STATUSES[type])
                .append("\",\"channel\":\"").append(CHANNELS[Math.floorMod(h >>> 8, CHANNELS.length)])
                .append("\",\"correlationId\":\"").append(Long.toHexString(o | Long.MIN_VALUE))
                .append('-').append(Long.toHexString(mix(o + 7) | Long.MIN_VALUE))
                .append("\"}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String decimal(long cents) {
        return cents / 100 + "." + zeroPadded(cents % 100, 2);
    }

    private static String zeroPadded(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    /** The names as an e-mail address spells them: accents dropped, lower case. */
    private static String[] ascii(String[] names) {
        String[] plain = new String[names.length];
        for (int n = 0; n < names.length; n++) {
            plain[n] = Normalizer.normalize(names[n], Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                    .toLowerCase(Locale.ROOT);
        }
        return plain;
    }

    /** SplitMix64's finaliser: a well-spread 64-bit hash of {@code x}, so no random state is needed. */
    private static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
