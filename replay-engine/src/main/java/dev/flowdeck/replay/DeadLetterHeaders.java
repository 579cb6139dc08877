package dev.flowdeck.replay;

import java.util.function.Predicate;

/**
 * Headers that dead-lettering added, by the conventions Flowdeck knows: a replayed event should reach its consumer
 * as it was first sent, not carrying the story of its failure. The planner takes any predicate; this is the one to
 * use until the dead-letter model names the convention of each dead letter.
 */
public final class DeadLetterHeaders {

    /** Name prefixes: Spring Kafka, RabbitMQ's own, Spring Cloud Stream's RabbitMQ binder, Kafka Connect. */
    private static final String[] PREFIXES = {"kafka_dlt-", "x-death", "x-first-death-",
            "x-last-death-", "x-exception-", "x-original-", "__connect.errors."};

    /** Every header a known convention adds. */
    public static final Predicate<String> KNOWN_CONVENTIONS = DeadLetterHeaders::known;

    private DeadLetterHeaders() {
    }

    /**
     * A loop over an array, not a stream nor a list's iterator: planning asks it of every header of every dead
     * letter (a million at 100,000), and an iterator each was most of what planning allocated.
     */
    private static boolean known(String name) {
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
