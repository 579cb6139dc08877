package dev.flowdeck.cli;

import java.util.ArrayList;
import java.util.List;

/** A small table: columns as wide as their widest cell, two spaces apart; for lists that fit in memory. */
final class Columns {

    private final List<String[]> rows = new ArrayList<>();

    Columns(String... heading) {
        rows.add(heading);
    }

    void row(String... cells) {
        rows.add(cells);
    }

    String text() {
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }
}
