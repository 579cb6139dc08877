package dev.flowdeck.core.deadletter;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What makes two failures the same cause: the exception class (or, without one, the dead-letter reason) and the
 * message with everything that varies from one event to the next masked. The rules, applied in this order to the
 * message's first line (cut to 500 chars):
 *
 * <ol>
 *   <li>a value in double or single quotes becomes {@code "…"} / {@code '…'}: quoted text is data
 *       ({@code from String "12,50"}); backquotes are kept, since Jackson quotes type names with them;</li>
 *   <li>a UUID becomes {@code <uuid>};</li>
 *   <li>{@code 0x} hex and bare hex runs of 16 or more digits, one of them
 *       a decimal one (trace ids, hashes; not a word such as {@code deadbeefdeadbeef}) become {@code <hex>};</li>
 *   <li>a number not glued to a letter before it becomes {@code <n>}, with its sign and its decimals:
 *       {@code SKU-4821} is {@code SKU-<n>}, {@code attempt=3} is {@code attempt=<n>}, but {@code Http2} and
 *       {@code utf8} stay;</li>
 *   <li>runs of white space become one space.</li>
 * </ol>
 *
 * The same inputs always give the same fingerprint, on every machine (no hashing of unordered state).
 *
 * @param exceptionClass the class, or the reason where no class is known, or {@code unknown}
 * @param maskedMessage  the message so masked; empty where there is none
 */
public record FailureFingerprint(String exceptionClass, String maskedMessage) {

    static final int MAX_MESSAGE = 500;

    private static final Pattern QUOTED_DOUBLE = Pattern.compile("\"[^\"\\n]*\"");
    private static final Pattern QUOTED_SINGLE = Pattern.compile("(?<![\\p{L}\\p{N}])'[^'\\n]*'");
    private static final Pattern UUID = Pattern.compile(
            "\\b\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}\\b");
    private static final Pattern HEX = Pattern.compile("\\b0[xX]\\p{XDigit}+\\b|\\b(?=\\p{Alpha}*\\d)\\p{XDigit}{16,}\\b");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\p{L}_\\d.])-?\\d+(?:[.,]\\d+)*");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    public FailureFingerprint {
        Objects.requireNonNull(exceptionClass, "exceptionClass");
        Objects.requireNonNull(maskedMessage, "maskedMessage");
    }

    public static FailureFingerprint of(Failure failure) {
        String thrown = failure.exceptionClass().or(failure::reason).orElse("unknown");
        return new FailureFingerprint(thrown, failure.message().map(FailureFingerprint::mask).orElse(""));
    }

    /** The message as grouping sees it (the rules above). */
    public static String mask(String message) {
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        if (line.length() > MAX_MESSAGE) {
            line = line.substring(0, MAX_MESSAGE);
        }
        line = QUOTED_DOUBLE.matcher(line).replaceAll("\"…\"");
        line = QUOTED_SINGLE.matcher(line).replaceAll("'…'");
        line = UUID.matcher(line).replaceAll("<uuid>");
        line = HEX.matcher(line).replaceAll("<hex>");
        line = NUMBER.matcher(line).replaceAll("<n>");
        return SPACES.matcher(line).replaceAll(" ").strip();
    }

    /** One line for the inbox: {@code com.acme.OutOfStockException: SKU-<n> has <n> units available}. */
    public String spoken() {
        return maskedMessage.isEmpty() ? exceptionClass : exceptionClass + ": " + maskedMessage;
    }
}
