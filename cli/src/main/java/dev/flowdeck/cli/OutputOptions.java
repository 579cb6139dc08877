package dev.flowdeck.cli;

import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** How many messages, in which form, to where. */
final class OutputOptions {

    /** What the messages are written as. */
    enum Format { TABLE, JSONL, CSV }

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "Stop after N messages.")
    Long limit;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "table (aligned columns, for reading), jsonl (one JSON object per message, every byte "
                    + "kept) or csv. Default: table; with --out, jsonl (csv for a .csv file).")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the messages to FILE instead of stdout.")
    Path file;

    void validate() {
        if (limit != null && limit <= 0) {
            throw new UsageException("--limit needs a positive number of messages, not " + limit + ".");
        }
    }

    long limitOrZero() {
        return limit == null ? 0 : limit;
    }

    Format chosenFormat() {
        if (format != null) {
            return format;
        }
        if (file == null) {
            return Format.TABLE;
        }
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? Format.CSV : Format.JSONL;
    }
}
