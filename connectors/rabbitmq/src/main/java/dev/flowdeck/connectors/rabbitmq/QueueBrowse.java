package dev.flowdeck.connectors.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.StartPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Browses a classic or quorum queue, which has no peek: it takes messages without acknowledging them and holds
 * them, so none comes round twice, then hands them all back with one multiple-requeue. Until then the broker owns
 * them as unacknowledged: if the browse is cancelled, the connection drops or the app is killed, the broker puts
 * them back itself. Nothing is ever acknowledged, so nothing is ever removed.
 *
 * <p>The price, said in the UI: requeued messages carry the redelivered flag, and may change places. A browse
 * reads at most the queue's ready count when it began, and at most {@link #HOLD_LIMIT} messages, since held
 * messages stay unavailable to the queue's real consumers for the browse's duration; a browse stopped by that cap
 * says so in a note. Its limit counts matches, so a filtered browse reads on until it found them (or hit the cap).
 */
final class QueueBrowse extends AmqpBrowse {

    static final long HOLD_LIMIT = 10_000;
    /** A subscriber silent this long gets the messages handed back: held messages are hidden from consumers. */
    static final Duration MAX_WAIT_FOR_DEMAND = Duration.ofSeconds(60);

    QueueBrowse(Connection connection, BrowseRequest request, Flow.Subscriber<? super MessageBatch> subscriber,
                Consumer<AmqpBrowse> onFinished, RabbitEndpoint endpoint) {
        super(connection, request, subscriber, onFinished, endpoint);
    }

    @Override
    void read(Channel channel) throws Exception {
        if (!(request.start() instanceof StartPosition.Earliest) || request.follow()) {
            throw new BrokerException("Queue '" + request.destination() + "' is a classic or quorum queue: it can "
                    + "only be browsed from its head, and not followed live without taking its messages.", null);
        }
        long ready = channel.queueDeclarePassive(request.destination()).getMessageCount();
        // The limit counts matches, as for every browse; what is read is bounded by the ready count and the cap.
        long limit = request.limit() > 0 ? request.limit() : Long.MAX_VALUE;
        long toRead = Math.min(ready, HOLD_LIMIT);
        long total = request.unfiltered() ? Math.min(toRead, limit) : toRead;
        long lastTag = -1;
        long taken = 0;
        long matched = 0;
        try {
            while (taken < toRead && matched < limit && awaitDemand()) {
                List<BrowsedMessage> batch = new ArrayList<>();
                long weight = 0;
                while (batch.size() < BATCH && weight < BATCH_BYTES && taken < toRead
                        && matched + batch.size() < limit) {
                    GetResponse response = channel.basicGet(request.destination(), false);
                    if (response == null) {
                        toRead = taken; // consumers took the rest meanwhile
                        total = Math.min(total, taken);
                        break;
                    }
                    lastTag = response.getEnvelope().getDeliveryTag();
                    var message = AmqpMessages.toBrowsed(request.destination(), taken, response.getEnvelope(),
                            response.getProps(), response.getBody(), content);
                    taken++;
                    if (request.filter().test(message)) {
                        batch.add(message);
                        weight += weight(message);
                    }
                }
                matched += batch.size();
                boolean capped = taken == HOLD_LIMIT && ready > HOLD_LIMIT && matched < limit;
                List<String> notes = capped ? List.of(capNote(ready)) : List.of();
                if (!deliver(new MessageBatch(batch, taken, matched, total, notes))) {
                    return;
                }
            }
        } finally {
            if (lastTag >= 0 && channel.isOpen()) {
                channel.basicNack(lastTag, true, true); // every held message back to the queue
            }
        }
    }

    /** Said when the browse stops at its cap, not before: a filtered browse may find its matches sooner. */
    static String capNote(long ready) {
        return String.format(Locale.ROOT, "Read the first %,d of the %,d messages waiting in the queue: a queue "
                + "browse holds what it reads, which its consumers cannot get meanwhile, so it stops at %,d. To see "
                + "further, browse its dead-letter queue, or bind a stream to the same exchange and browse that.",
                HOLD_LIMIT, ready, HOLD_LIMIT);
    }

    private boolean awaitDemand() {
        if (demand.await(MAX_WAIT_FOR_DEMAND) || demand.isCancelled()) {
            return !demand.isCancelled();
        }
        throw new BrokerException("The browse of '" + request.destination() + "' waited " + MAX_WAIT_FOR_DEMAND
                .toSeconds() + " s for the screen to ask for more, holding messages its consumers could not get: "
                + "it handed them all back and stopped.", null);
    }
}
