package dev.flowdeck.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A GitHub-flavoured Markdown table: the leading text columns left-aligned, the figures after them right-aligned. */
final class MarkdownTable {

    private final int textColumns;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    MarkdownTable(int textColumns, String... header) {
        this.textColumns = textColumns;
        this.header = List.of(header);
    }

    MarkdownTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row of " + header.size() + " cells, not " + cells.length);
        }
        // A pipe ends a cell even inside a code span: a regular expression's alternatives must be escaped.
        rows.add(Arrays.stream(cells).map(cell -> String.valueOf(cell).replace("|", "\\|")).toList());
        return this;
    }

    String render() {
        var text = new StringBuilder();
        line(text, header);
        List<String> rule = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            rule.add(i < textColumns ? "---" : "---:");
        }
        line(text, rule);
        rows.forEach(row -> line(text, row));
        return text.toString();
    }

    private static void line(StringBuilder text, List<String> cells) {
        text.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f", ratio);
    }

    static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }

    static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
