package dev.flowdeck.core.deadletter;

import java.util.List;
import java.util.Optional;

/**
 * Which queues a queue's dead letters land in: those bound to its dead-letter exchange with a binding the
 * dead-letter routing key matches, by the exchange's own rules. Without a dead-letter routing key a message keeps
 * its original routing key, which is not known here: then every queue bound to the exchange may receive it.
 */
public final class DeadLetterRoute {

    /** A binding of the dead-letter exchange to a queue. */
    public record Binding(String queue, String routingKey) {
    }

    private DeadLetterRoute() {
    }

    public static List<String> targets(String exchangeType, Optional<String> routingKey, List<Binding> bindings) {
        if (routingKey.isEmpty() || exchangeType.equals("fanout") || exchangeType.equals("headers")) {
            return bindings.stream().map(Binding::queue).distinct().toList();
        }
        String key = routingKey.get();
        return bindings.stream()
                .filter(binding -> exchangeType.equals("topic") ? topicMatches(binding.routingKey(), key)
                        : binding.routingKey().equals(key))
                .map(Binding::queue).distinct().toList();
    }

    /** AMQP topic matching: words split by dots, {@code *} is exactly one word, {@code #} zero or more. */
    public static boolean topicMatches(String pattern, String key) {
        return matches(pattern.split("\\.", -1), 0, key.isEmpty() ? new String[0] : key.split("\\.", -1), 0);
    }

    private static boolean matches(String[] pattern, int p, String[] words, int w) {
        if (p == pattern.length) {
            return w == words.length;
        }
        if (pattern[p].equals("#")) {
            for (int skip = w; skip <= words.length; skip++) {
                if (matches(pattern, p + 1, words, skip)) {
                    return true;
                }
            }
            return false;
        }
        return w < words.length && (pattern[p].equals("*") || pattern[p].equals(words[w]))
                && matches(pattern, p + 1, words, w + 1);
    }
}
