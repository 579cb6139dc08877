package dev.flowdeck.core.export;

/** One CSV field as RFC 4180 writes it: the rule every CSV Flowdeck writes shares. */
public final class CsvFields {

    private CsvFields() {
    }

    /**
     * Null is an empty field; text is quoted (quotes doubled) when it holds a comma, a quote or a line break, and
     * when it is empty, to tell it from null.
     */
    public static String of(String text) {
        if (text == null) {
            return "";
        }
        return text.isEmpty() || needsQuotes(text) ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
