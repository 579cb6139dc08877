package dev.flowdeck.views.deadletter;

import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.decode.HeaderValues;
import dev.flowdeck.core.decode.PayloadText;
import dev.flowdeck.core.deadletter.DeadLetter;
import dev.flowdeck.core.deadletter.DeadLetterScan;
import dev.flowdeck.core.deadletter.KafkaOrigin;
import dev.flowdeck.core.deadletter.Origin;
import dev.flowdeck.core.deadletter.RabbitOrigin;
import dev.flowdeck.views.common.Formats;
import java.util.ArrayList;
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
            lines.add("  " + header.name() + ": " + HeaderValues.show(header.name(), header.value()).text());
        }
        lines.add("");
        lines.add("Value:");
        lines.add(value(letter.message().value()));
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

    /** Pretty JSON, else one line of text or hex, cut with a note where it is longer than the pane shows. */
    static String value(byte[] bytes) {
        if (bytes != null && bytes.length > VALUE_PREVIEW) {
            return PayloadText.preview(bytes, VALUE_PREVIEW) + " (" + Formats.bytes(bytes.length)
                    + " in all: open it in the browser to see it whole)";
        }
        return PayloadText.prettyJson(bytes).orElseGet(() -> PayloadText.preview(bytes, VALUE_PREVIEW));
    }
}
