package dev.flowdeck.core.decode;

/**
 * A line of at most {@code limit} chars built char by char; once more is offered than fits, it ends with {@code …}
 * in place of its last char. Lets a preview stop decoding a 10 MB payload after the first few dozen chars.
 */
final class CellText {

    static final char ELLIPSIS = '…';

    private final StringBuilder line = new StringBuilder();
    private final int limit;
    private boolean cut;

    CellText(int limit) {
        this.limit = Math.max(0, limit);
    }

    /** False once the line is full: the caller stops offering. */
    boolean add(char c) {
        if (line.length() >= limit) {
            cut = true;
            return false;
        }
        line.append(c);
        return true;
    }

    boolean add(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (!add(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The line; when cut, its last char is {@code …} and no surrogate pair is left half. */
    String done() {
        if (!cut) {
            return line.toString();
        }
        if (limit == 0) {
            return "";
        }
        int keep = limit - 1;
        if (keep > 0 && Character.isHighSurrogate(line.charAt(keep - 1))) {
            keep--;
        }
        return line.substring(0, keep) + ELLIPSIS;
    }

    /** {@code text} fitted to {@code limit} chars. */
    static String fit(String text, int limit) {
        var cell = new CellText(limit);
        cell.add(text);
        return cell.done();
    }
}
