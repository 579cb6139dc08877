package dev.flowdeck.cli;

import dev.flowdeck.core.filter.FilterException;
import dev.flowdeck.core.filter.MessageFilter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which messages to keep: every filter given must pass. They run where the messages are read. */
final class FilterOptions {

    @Option(names = "--contains", paramLabel = "TEXT", description = "The value contains TEXT (repeatable).")
    List<String> contains = new ArrayList<>();

    @Option(names = {"-i", "--ignore-case"}, description = "--contains ignores upper and lower case.")
    boolean ignoreCase;

    @Option(names = "--regex", paramLabel = "RE",
            description = "Part of the value matches the RE2 regular expression RE (repeatable; no look-arounds or "
                    + "back-references, so no pattern can hang a scan).")
    List<String> regexes = new ArrayList<>();

    @Option(names = "--key", paramLabel = "KEY", description = "The key is KEY. On Kafka only the partition the "
            + "default partitioner sends KEY to is read (say --partition to read others).")
    String key;

    @Option(names = "--header", paramLabel = "NAME[=VALUE]",
            description = "A header NAME exists, and its last value is VALUE if given (repeatable).")
    List<String> headers = new ArrayList<>();

    @Option(names = "--jsonpath", paramLabel = "EXPR",
            description = "The value is JSON and EXPR holds: '$.amount > 100', '$.status == \"FAILED\"', "
                    + "'$.retry exists' (repeatable).")
    List<String> jsonPaths = new ArrayList<>();

    boolean isEmpty() {
        return contains.isEmpty() && regexes.isEmpty() && key == null && headers.isEmpty() && jsonPaths.isEmpty();
    }

    /**
     * The filters, in the order cheapest first (a key or header comparison before parsing JSON).
     *
     * @throws FilterException for a regular expression or JSONPath that does not parse
     * @throws UsageException  for a header option without a name
     */
    List<MessageFilter> filters() {
        List<MessageFilter> filters = new ArrayList<>();
        if (key != null) {
            filters.add(MessageFilter.KeyEquals.text(key));
        }
        for (String header : headers) {
            try {
                filters.add(MessageFilter.HeaderMatches.parse(header));
            } catch (FilterException noName) {
                // a missing name is a malformed option value, as the exit codes tell it: not an invalid filter
                throw new UsageException("--header: " + noName.getMessage());
            }
        }
        contains.forEach(text -> filters.add(new MessageFilter.TextContains(text, ignoreCase)));
        regexes.forEach(regex -> filters.add(MessageFilter.Regex.of(regex)));
        jsonPaths.forEach(path -> filters.add(MessageFilter.Json.of(path)));
        return filters;
    }
}
