package dev.flowdeck.core.trace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The events of one transaction in time order, as far as the indexed window holds them.
 *
 * @param events in time order; at least one
 */
public record Chain(List<ChainEvent> events) {

    public Chain {
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a chain has at least one event");
        }
    }

    /** Each consecutive pair with its latency: one fewer than the events. */
    public List<Hop> hops() {
        List<Hop> hops = new ArrayList<>(events.size() - 1);
        for (int i = 1; i < events.size(); i++) {
            ChainEvent from = events.get(i - 1);
            ChainEvent to = events.get(i);
            hops.add(new Hop(from, to, Duration.between(from.timestamp(), to.timestamp())));
        }
        return hops;
    }

    /** The events' destinations in order: {@code orders, payments, payments-dlt}. */
    public List<String> path() {
        return events.stream().map(ChainEvent::destination).toList();
    }

    /** The trace id most of its events carried (events joined by a key carry none). */
    public Optional<String> traceId() {
        return events.stream().flatMap(event -> event.traceId().stream()).findFirst();
    }

    /** The dead letters of the chain, with their reasons. */
    public List<ChainEvent> deadLetters() {
        return events.stream().filter(ChainEvent::deadLetter).toList();
    }

    public ChainEvent first() {
        return events.getFirst();
    }

    public ChainEvent last() {
        return events.getLast();
    }

    /** From the first event to the last. */
    public Duration span() {
        return Duration.between(first().timestamp(), last().timestamp());
    }
}
