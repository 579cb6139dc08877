package dev.flowdeck.views.offsets;

import dev.flowdeck.core.offsets.PartitionId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Offsets as the operator types them, one partition a line: {@code orders-0 = 1200} (also {@code orders-0: 1200}
 * or {@code orders-0 1200}). A topic name may itself contain dashes: the partition number is after the last one.
 */
final class GivenOffsets {

    /** What the error says a line should look like. */
    static final String FORM = "'topic-partition = offset', such as orders-0 = 1200";
    private static final Pattern LINE = Pattern.compile("(.+)-(\\d+)\\s*[=:\\s]\\s*(\\d+)");

    private GivenOffsets() {
    }

    /** @throws IllegalArgumentException with a sentence naming the first line that cannot be read */
    static Map<PartitionId, Long> parse(String text) {
        Map<PartitionId, Long> offsets = new LinkedHashMap<>();
        int number = 0;
        for (String line : text.split("\\R")) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            Matcher matcher = LINE.matcher(trimmed);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("Line " + number + " should read " + FORM + "; '" + trimmed
                        + "' does not.");
            }
            PartitionId partition;
            long offset;
            try {
                partition = new PartitionId(matcher.group(1).strip(), Integer.parseInt(matcher.group(2)));
                offset = Long.parseLong(matcher.group(3));
            } catch (NumberFormatException tooLarge) {
                throw new IllegalArgumentException("Line " + number + " has a number too large: '" + trimmed + "'.",
                        tooLarge);
            }
            if (offsets.put(partition, offset) != null) {
                throw new IllegalArgumentException("Line " + number + " names " + partition.label()
                        + " a second time.");
            }
        }
        if (offsets.isEmpty()) {
            throw new IllegalArgumentException("No offsets given: write one partition a line, " + FORM + ".");
        }
        return offsets;
    }

    /** The lines {@link #parse} reads back. */
    static String format(Map<PartitionId, Long> offsets) {
        StringBuilder text = new StringBuilder();
        offsets.forEach((partition, offset) -> text.append(partition.label()).append(" = ").append(offset)
                .append('\n'));
        return text.toString();
    }
}
