package dev.flowdeck.core.mask;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises the personal and payment data masking suggests rules for: card numbers (13 to 19 digits, spaces or
 * dashes allowed, Luhn-checked), e-mail addresses, and IBANs (country, check digits, up to 30 letters or digits,
 * ISO 13616's mod-97 checked). The checksums keep order ids and timestamps from passing for card numbers.
 * RE2J keeps every pattern linear in its input.
 */
public final class PiiPatterns {

    /** A kind of personal or payment data. */
    public enum Kind {
        CARD_NUMBER("card number"), EMAIL("e-mail address"), IBAN("IBAN");

        private final String spoken;

        Kind(String spoken) {
            this.spoken = spoken;
        }

        public String spoken() {
            return spoken;
        }
    }

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)*"
            + "\\.[A-Za-z]{2,}");
    private static final Pattern CARD = Pattern.compile("\\b\\d(?:[ \\-]?\\d){12,18}\\b");
    private static final Pattern IBAN = Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}\\b");

    private PiiPatterns() {
    }

    /** What this whole value is, if it is one of the kinds (surrounding spaces allowed). */
    public static Optional<Kind> whole(String value) {
        String v = value.strip();
        if (v.length() > 64 || v.isEmpty()) {
            return Optional.empty();
        }
        if (EMAIL.matches(v)) {
            return Optional.of(Kind.EMAIL);
        }
        if (CARD.matches(v) && luhn(v)) {
            return Optional.of(Kind.CARD_NUMBER);
        }
        if (IBAN.matches(v.toUpperCase(Locale.ROOT)) && iban(v)) {
            return Optional.of(Kind.IBAN);
        }
        return Optional.empty();
    }

    /** The text with each checked card number, e-mail address and IBAN in it replaced by {@code replacement}. */
    public static String maskIn(String text, String replacement) {
        String out = replace(text, EMAIL, null, replacement);
        out = replace(out, CARD, Kind.CARD_NUMBER, replacement);
        return replace(out, IBAN, Kind.IBAN, replacement);
    }

    private static String replace(String text, Pattern pattern, Kind check, String replacement) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            String found = m.group();
            boolean valid = check == null || (check == Kind.CARD_NUMBER ? luhn(found) : iban(found));
            if (!valid) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, last, m.start()).append(replacement);
            last = m.end();
        }
        if (out == null) {
            return text;
        }
        return out.append(text, last, text.length()).toString();
    }

    /** The Luhn check over the digits (spaces and dashes skipped), 13 to 19 of them. */
    public static boolean luhn(String number) {
        int sum = 0;
        int digits = 0;
        for (int i = number.length() - 1; i >= 0; i--) {
            char c = number.charAt(i);
            if (c == ' ' || c == '-') {
                continue;
            }
            if (c < '0' || c > '9') {
                return false;
            }
            int d = c - '0';
            if (digits % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            digits++;
        }
        return digits >= 13 && digits <= 19 && sum % 10 == 0;
    }

    /** ISO 13616: the first four characters moved to the end, letters as 10..35, the number mod 97 is 1. */
    public static boolean iban(String iban) {
        String compact = iban.replace(" ", "").toUpperCase(Locale.ROOT);
        if (compact.length() < 15 || compact.length() > 34 || !compact.matches("[A-Z]{2}\\d{2}[A-Z0-9]+")) {
            return false;
        }
        String moved = compact.substring(4) + compact.substring(0, 4);
        var digits = new StringBuilder(moved.length() * 2);
        for (char c : moved.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }
}
