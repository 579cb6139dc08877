package dev.flowdeck.core.deadletter;

import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.ExchangeSummary;
import dev.flowdeck.core.broker.QueueSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the dead-letter destinations among a cluster's, each with why: its name ({@link DeadLetterNames}), a
 * RabbitMQ queue's dead-letter exchange routing to it, or the operator's mark on the profile. A destination picked
 * several ways says every way.
 *
 * <p>Marks live in the profile's properties as {@value #MARKED}: names separated by commas, a comma or backslash
 * within a name escaped with a backslash ({@link #parseMarked}, {@link #formatMarked}). A mark names a topic or
 * queue in any vhost.
 */
public final class DeadLetterDestinations {

    /** The profile property that holds the destinations the operator marked as dead-letter ones. */
    public static final String MARKED = "flowdeck.dead-letter.marked";

    /** How a destination was picked. */
    public enum How { NAME, DEAD_LETTER_EXCHANGE, MARKED }

    /** One way a destination was picked, in words for the inbox. */
    public record Reason(How how, String explanation) {
    }

    /** A dead-letter destination and every reason it was picked. */
    public record Picked(Destination destination, List<Reason> reasons) {
        public Picked {
            reasons = List.copyOf(reasons);
        }
    }

    private DeadLetterDestinations() {
    }

    /**
     * The dead-letter destinations among {@code destinations}, in their order. Exchanges are never picked: they
     * hold nothing; they are read for the routes of dead-letter exchanges.
     */
    public static List<Picked> pick(List<? extends Destination> destinations, Set<String> marked) {
        Map<String, List<Reason>> byQueue = deadLetterExchangeTargets(destinations);
        List<Picked> picked = new ArrayList<>();
        for (Destination destination : destinations) {
            if (destination instanceof ExchangeSummary) {
                continue;
            }
            List<Reason> reasons = new ArrayList<>();
            DeadLetterNames.why(destination.name()).ifPresent(why -> reasons.add(new Reason(How.NAME, "its name " + why)));
            reasons.addAll(byQueue.getOrDefault(key(destination.namespace(), destination.name()), List.of()));
            if (marked.contains(destination.name())) {
                reasons.add(new Reason(How.MARKED, "marked as a dead-letter destination on this profile"));
            }
            if (!reasons.isEmpty()) {
                picked.add(new Picked(destination, reasons));
            }
        }
        return picked;
    }

    /** The profile's marks. */
    public static Set<String> markedIn(Map<String, String> properties) {
        return parseMarked(properties.getOrDefault(MARKED, ""));
    }

    /**
     * Queues that RabbitMQ dead-letters into: for each queue with a dead-letter exchange, the queues bound to that
     * exchange which its dead-letter routing key reaches. A queue's routing key comes from its
     * {@code x-dead-letter-routing-key} argument; a policy's key is not in {@link QueueSummary}, and then (as with
     * no key at all) every queue bound to the exchange may receive, so every one is picked.
     */
    private static Map<String, List<Reason>> deadLetterExchangeTargets(List<? extends Destination> destinations) {
        Map<String, ExchangeSummary> exchanges = new LinkedHashMap<>();
        for (Destination destination : destinations) {
            if (destination instanceof ExchangeSummary exchange) {
                exchanges.put(key(exchange.vhost(), exchange.name()), exchange);
            }
        }
        Map<String, List<Reason>> reasons = new LinkedHashMap<>();
        for (Destination destination : destinations) {
            if (!(destination instanceof QueueSummary queue) || queue.deadLetterExchange().isEmpty()) {
                continue;
            }
            String exchangeName = queue.deadLetterExchange().get();
            Optional<String> routingKey = Optional.ofNullable(queue.arguments().get("x-dead-letter-routing-key"));
            List<String> targets;
            if (exchangeName.isEmpty()) {
                // The default exchange routes by queue name: the key names the target (else the message's own key).
                targets = routingKey.map(List::of).orElse(List.of());
            } else {
                ExchangeSummary exchange = exchanges.get(key(queue.vhost(), exchangeName));
                if (exchange == null) {
                    continue; // a dead-letter exchange that does not exist drops the messages: nothing to pick
                }
                List<DeadLetterRoute.Binding> bindings = exchange.bindings().stream()
                        .filter(binding -> binding.destinationType().equals("queue"))
                        .map(binding -> new DeadLetterRoute.Binding(binding.destination(), binding.routingKey()))
                        .toList();
                targets = DeadLetterRoute.targets(exchange.type(), routingKey, bindings);
            }
            String via = exchangeName.isEmpty() ? "the default exchange" : "dead-letter exchange " + exchangeName;
            for (String target : targets) {
                reasons.computeIfAbsent(key(queue.vhost(), target), name -> new ArrayList<>())
                        .add(new Reason(How.DEAD_LETTER_EXCHANGE,
                                "queue " + queue.name() + " dead-letters here through " + via));
            }
        }
        return reasons;
    }

    private static String key(String namespace, String name) {
        return namespace + "\u0000" + name;
    }

    /** The names in a {@value #MARKED} value; blank entries are passed over. */
    public static Set<String> parseMarked(String value) {
        Set<String> names = new LinkedHashSet<>();
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                name.append(value.charAt(++i));
            } else if (c == ',') {
                add(names, name);
            } else {
                name.append(c);
            }
        }
        add(names, name);
        return names;
    }

    /** The {@value #MARKED} value for these names; {@link #parseMarked} reads it back to the same set. */
    public static String formatMarked(Set<String> names) {
        List<String> escaped = new ArrayList<>();
        for (String name : names) {
            if (!name.isBlank()) {
                escaped.add(name.strip().replace("\\", "\\\\").replace(",", "\\,"));
            }
        }
        return String.join(",", escaped);
    }

    private static void add(Set<String> names, StringBuilder name) {
        String stripped = name.toString().strip();
        if (!stripped.isEmpty()) {
            names.add(stripped);
        }
        name.setLength(0);
    }
}
