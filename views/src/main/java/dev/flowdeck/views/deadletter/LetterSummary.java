package dev.flowdeck.views.deadletter;

import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.deadletter.DeadLetter;
import dev.flowdeck.core.deadletter.DeadLetterScan;
import dev.flowdeck.core.deadletter.KafkaOrigin;
import dev.flowdeck.core.deadletter.Origin;
import dev.flowdeck.core.deadletter.RabbitOrigin;
import dev.flowdeck.views.common.Formats;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A dead letter in words for the detail pane: why it failed, where from, when, by which convention, what could not
 * be read; then its headers and value. The stack trace is shown apart, whole.
 */
final class LetterSummary {

    /** Enough of a value to recognise it; the browser shows it whole. */
    static final int VALUE_PREVIEW = 16 * 1024;

    private LetterSummary() {
    }

    static String describe(DeadLetterScan.Letter letter) {
        DeadLetter dead = letter.deadLetter();
        List<String> lines = new ArrayList<>();
        lines.add("Failure:    " + dead.failure().exceptionClass().or(() -> dead.failure().reason())
                .orElse("unknown (no header says)"));
        dead.failure().message().ifPresent(message -> lines.add("Message:    " + message));
        if (dead.failure().exceptionClass().isPresent()) {
            dead.failure().reason().ifPresent(reason -> lines.add("Reason:     " + reason));
        }
        dead.failure().count().ifPresent(count -> lines.add("Attempts:   " + count));
        lines.add("Came from:  " + dead.origin().map(LetterSummary::origin).orElse("unknown (no header says)"));
        dead.times().seen().ifPresent(when -> lines.add("Failed at:  " + Formats.timestamp(when)));
        lines.add("Sits at:    " + dead.at().destination() + (dead.at().offset() < 0 ? ""
                : "-" + dead.at().partition() + "@" + dead.at().offset()));
        lines.add("Read as:    " + dead.convention().spoken());
        dead.notes().forEach(note -> lines.add("Note:       " + note));
        lines.add("");
        lines.add("Headers:");
        for (MessageHeader header : letter.message().headers()) {
            lines.add("  " + header.name() + ": " + text(header.value(), 200));
        }
        lines.add("");
        lines.add("Value:");
        lines.add(text(letter.message().value(), VALUE_PREVIEW));
        return String.join("\n", lines);
    }

    static String origin(Origin origin) {
        return switch (origin) {
            case KafkaOrigin kafka -> kafka.topic()
                    + (kafka.partition().isPresent() ? "-" + kafka.partition().getAsInt() : "")
                    + (kafka.offset().isPresent() ? "@" + kafka.offset().getAsLong() : "")
                    + kafka.consumerGroup().map(group -> " (group " + group + ")").orElse("");
            case RabbitOrigin rabbit -> "exchange " + (rabbit.exchange().isEmpty() ? "(default)" : rabbit.exchange())
                    + ", routing key " + String.join(", ", rabbit.routingKeys()) + ", queue " + rabbit.queue();
        };
    }

    /** UTF-8 text where the bytes are UTF-8, else hex; cut to {@code max} characters with a note. */
    static String text(byte[] bytes, int max) {
        if (bytes == null) {
            return "(none)";
        }
        String shown;
        try {
            shown = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notText) {
            shown = "hex " + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, max / 2));
        }
        return shown.length() <= max ? shown
                : shown.substring(0, max) + "… (" + Formats.bytes(bytes.length) + " in all: open it in the browser)";
    }
}
