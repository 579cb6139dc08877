package dev.flowdeck.replayconnect;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.StartPosition;
import dev.flowdeck.replay.ReplaySelection;
import dev.flowdeck.replay.ReplayTarget;
import dev.flowdeck.replay.SelectedEvent;
import dev.flowdeck.replay.SelectionRead;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Any browse's matches as a replay's selection, not only dead letters: a time range or a filter of a topic or a
 * stream, read again whole (the browser's rows may hold truncated values), each event aimed back at where it sits
 * (its topic and partition; a stream message's exchange and routing key) for the operator to redirect. Reprocessing
 * after a fix or a schema change is this plus another destination.
 */
public final class ScanSelection implements Flow.Subscriber<MessageBatch> {

    private final Destination destination;
    private final int max;
    private final List<SelectedEvent> events = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final CompletableFuture<SelectionRead> read = new CompletableFuture<>();
    private long matched;
    private Flow.Subscription subscription;

    private ScanSelection(Destination destination, int max) {
        this.destination = destination;
        this.max = max;
    }

    /**
     * Reads {@code scan} once to its end (a live tail is read as a range) and selects its matches, at most
     * {@code max}. Fails with a {@link BrokerException} whose message is a sentence, or an
     * {@link IllegalArgumentException} when the scan cannot be read again (a tail from the end) or found nothing.
     */
    public static CompletionStage<SelectionRead> read(BrokerConnection connection, Destination destination,
                                                      BrowseRequest scan, int max) {
        if (scan.start() instanceof StartPosition.Latest) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("A live tail has no range to read "
                    + "again: scan from a time or an offset, then replay its matches."));
        }
        var selection = new ScanSelection(destination, max);
        connection.browse(new BrowseRequest(scan.destination(), scan.start(), scan.partitions(), false, scan.limit(),
                scan.filter())).subscribe(selection);
        return selection.read;
    }

    @Override
    public void onSubscribe(Flow.Subscription given) {
        subscription = given;
        given.request(1);
    }

    @Override
    public void onNext(MessageBatch batch) {
        if (read.isDone()) {
            return;
        }
        batch.notes().forEach(note -> notes.add(destination.name() + ": " + note));
        for (BrowsedMessage message : batch.messages()) {
            matched++;
            if (events.size() < max) {
                events.add(new SelectedEvent(message, whereItSits(message)));
            }
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
        read.completeExceptionally(failure instanceof BrokerException broker ? broker
                : new BrokerException(Failures.sentence(failure), failure));
    }

    @Override
    public void onComplete() {
        if (events.isEmpty()) {
            read.completeExceptionally(new IllegalArgumentException("The scan matches nothing in "
                    + destination.name() + ": nothing to replay."));
            return;
        }
        if (matched > events.size()) {
            notes.add(String.format("The scan matches %,d messages; one plan takes the first %,d.", matched,
                    events.size()));
        }
        read.complete(new SelectionRead(new ReplaySelection(String.format("%,d messages of %s", events.size(),
                destination.name()), GroupReplayPlanner.identityOf(destination), events), notes));
    }

    /** Kafka: the same topic and partition. RabbitMQ: the exchange and routing key it was published with. */
    private static ReplayTarget whereItSits(BrowsedMessage message) {
        String exchange = message.properties().get("exchange");
        if (exchange != null) {
            return new ReplayTarget.RabbitExchange(exchange, message.properties().getOrDefault("routing_key", ""));
        }
        return ReplayTarget.KafkaTopic.toPartition(message.destination(), message.partition());
    }
}
