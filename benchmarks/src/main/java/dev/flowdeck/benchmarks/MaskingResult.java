package dev.flowdeck.benchmarks;

import java.util.List;

/**
 * Masking's cost, as medians of alternating rounds.
 *
 * @param records            records exported and previewed per round
 * @param rules              the profile's rules
 * @param readPlainSeconds   export of every record read through the connection, no masking
 * @param readMaskedSeconds  the same, masked
 * @param memoryPlainSeconds the export from memory (no broker), no masking
 * @param memoryMaskedSeconds the same, masked
 * @param previewPlainSeconds every record's value preview, no masking
 * @param previewMaskedSeconds the same, masked first
 * @param rounds             rounds measured
 * @param leaked             e-mail addresses found in a masked export of the first thousand records (must be 0)
 */
public record MaskingResult(long records, List<String> rules, double readPlainSeconds, double readMaskedSeconds,
                            double memoryPlainSeconds, double memoryMaskedSeconds, double previewPlainSeconds,
                            double previewMaskedSeconds, int rounds, long leaked) implements BenchmarkResult {

    public MaskingResult {
        rules = List.copyOf(rules);
    }

    @Override
    public String markdown() {
        var table = new MarkdownTable(1, "work", "plain", "masked", "masked vs plain", "masked µs a record");
        table.row("export read through the connection (JSON Lines)", MarkdownTable.seconds(readPlainSeconds),
                MarkdownTable.seconds(readMaskedSeconds), MarkdownTable.ratio(readMaskedSeconds / readPlainSeconds),
                micros(readMaskedSeconds));
        table.row("the same export from memory", MarkdownTable.seconds(memoryPlainSeconds),
                MarkdownTable.seconds(memoryMaskedSeconds),
                MarkdownTable.ratio(memoryMaskedSeconds / memoryPlainSeconds), micros(memoryMaskedSeconds));
        table.row("table value preview (200 chars)", MarkdownTable.seconds(previewPlainSeconds),
                MarkdownTable.seconds(previewMaskedSeconds),
                MarkdownTable.ratio(previewMaskedSeconds / previewPlainSeconds), micros(previewMaskedSeconds));
        return """
                ### Masking

                A profile's masking (%s) on %s order events of about 640 bytes, where it is applied: an export of \
                every record, read through the connection and written on its reading thread as the browser's \
                "every match" export writes it; the same export from memory; every record's table preview. Scans \
                and filters never mask (decision 0022). Median of %d alternating rounds; e-mail addresses left in \
                a masked export of 1,000 records: %d.

                %s
                """.formatted(String.join(", ", rules.stream().map(rule -> "`" + rule + "`").toList()),
                MarkdownTable.count(records), rounds, leaked, table.render());
    }

    private String micros(double seconds) {
        return String.format(java.util.Locale.ROOT, "%.2f", seconds * 1e6 / records);
    }
}
