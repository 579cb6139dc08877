package dev.flowdeck.views.cluster;

import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.ExchangeSummary;
import dev.flowdeck.core.broker.QueueSummary;
import dev.flowdeck.core.broker.TopicSummary;
import dev.flowdeck.core.deadletter.DeadLetterNames;
import java.util.Locale;

/** How a destination is named and drawn: the words and icons the tree and the table share. */
public final class DestinationLabels {

    private DestinationLabels() {
    }

    public static String kind(Destination destination) {
        return switch (destination) {
            case TopicSummary topic -> DeadLetterNames.looksLikeDeadLetter(topic.name()) ? "dead-letter topic" : "topic";
            case QueueSummary queue -> (DeadLetterNames.looksLikeDeadLetter(queue.name()) ? "dead-letter " : "")
                    + queue.type().name().toLowerCase(Locale.ROOT) + " queue";
            case ExchangeSummary exchange -> exchange.type() + " exchange";
        };
    }

    public static String icon(Destination destination) {
        if (DeadLetterNames.looksLikeDeadLetter(destination.name())) {
            return "mdi2e-email-alert-outline";
        }
        return switch (destination) {
            case TopicSummary topic -> "mdi2f-format-list-text";
            case QueueSummary queue -> queue.type().browsesWithoutSideEffects() ? "mdi2w-waves" : "mdi2t-tray-full";
            case ExchangeSummary exchange -> "mdi2s-swap-horizontal";
        };
    }

    /** The default exchange has no name; operators know it by this one. */
    public static String name(Destination destination) {
        return destination instanceof ExchangeSummary && destination.name().isEmpty()
                ? "(default exchange)" : destination.name();
    }
}
