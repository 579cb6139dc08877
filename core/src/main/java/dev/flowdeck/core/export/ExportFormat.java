package dev.flowdeck.core.export;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats messages can be exported in, by the names an operator types or picks. */
public enum ExportFormat {

    /** One JSON object per line: see {@link JsonLinesExport}. */
    JSON_LINES("jsonl", ".jsonl"),
    /** RFC 4180 comma-separated values with a header row: see {@link CsvExport}. */
    CSV("csv", ".csv");

    private final String formatName;
    private final String fileExtension;

    ExportFormat(String formatName, String fileExtension) {
        this.formatName = formatName;
        this.fileExtension = fileExtension;
    }

    /** The name on the command line and in the export dialog. */
    public String formatName() {
        return formatName;
    }

    /** What a file in this format ends with, dot included. */
    public String fileExtension() {
        return fileExtension;
    }

    /** Starts an export to {@code out}, which the export then owns (closing the export closes it). */
    public MessageExport open(OutputStream out) {
        return switch (this) {
            case JSON_LINES -> new JsonLinesExport(out);
            case CSV -> new CsvExport(out);
        };
    }

    /**
     * The format of that name: {@code jsonl} (also {@code ndjson}, {@code json-lines}) or {@code csv}, in any case.
     *
     * @throws IllegalArgumentException naming the formats there are
     */
    public static ExportFormat named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "jsonl", "ndjson", "json-lines", "jsonlines" -> JSON_LINES;
            case "csv" -> CSV;
            default -> throw new IllegalArgumentException("No export format '" + name + "': choose "
                    + Arrays.stream(values()).map(ExportFormat::formatName).collect(Collectors.joining(" or "))
                    + ".");
        };
    }
}
