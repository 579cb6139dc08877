package dev.flowdeck.connectors.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.QueueHold;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.publish.ReadOnlyProfileException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Holds messages of a classic or quorum queue on a channel of its own: {@code basic.get} without acknowledgement,
 * then {@code basic.ack} of one message at a time, or {@code basic.nack(requeue)} of what was taken but not wanted.
 * The broker owns every held message until it is acknowledged, so a lost channel, a dropped connection or a killed
 * process puts them back in the queue; a later take finds them again by name.
 *
 * <p>Messages not wanted are held until the take ends, then handed back one by one (never with {@code multiple},
 * which would also hand back the wanted ones taken before them): held, they cannot come round again, so the take
 * reads each message once. The queue's ready count bounds it, as in {@link QueueBrowse}. The queue was browsed by
 * the same holding and requeueing when the plan was made, so the hand-backs add no risk its browse did not already
 * take (see {@link QueueBrowseRisks}).
 *
 * <p>Blocking AMQP calls run on the connection's I/O threads, one at a time (the channel is not shared).
 */
final class RabbitQueueHold implements QueueHold {

    /** Opens a channel on the connection's AMQP connection (opening that first if needed). */
    interface Channels {
        Channel open() throws Exception;
    }

    private final String queue;
    private final Channels channels;
    private final Executor io;
    private final RabbitEndpoint endpoint;
    private final String readOnlyProfile;
    private final Map<String, Long> held = new LinkedHashMap<>();
    private Channel channel;
    private boolean closed;

    /** @param readOnlyProfile the profile's name when it is read-only (every take and removal is refused), else null */
    RabbitQueueHold(String queue, Channels channels, Executor io, RabbitEndpoint endpoint, String readOnlyProfile) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.channels = channels;
        this.io = io;
        this.endpoint = endpoint;
        this.readOnlyProfile = readOnlyProfile;
    }

    @Override
    public String queue() {
        return queue;
    }

    @Override
    public CompletionStage<Set<String>> take(Set<String> wanted, Function<BrowsedMessage, String> naming) {
        return call("taking messages of queue '" + queue + "' to remove them", () -> takeNow(wanted, naming));
    }

    @Override
    public synchronized boolean holds(String name) {
        return channel != null && channel.isOpen() && held.containsKey(name);
    }

    @Override
    public CompletionStage<Void> remove(String name) {
        return call("removing a message from queue '" + queue + "'", () -> {
            removeNow(name);
            return null;
        });
    }

    @Override
    public synchronized void close() {
        closed = true;
        held.clear();
        if (channel != null && channel.isOpen()) {
            try {
                channel.close(); // the broker requeues every message still held on it
            } catch (Exception e) {
                try {
                    channel.abort();
                } catch (java.io.IOException ignored) {
                    // the connection is going anyway; the broker requeues what the channel held
                }
            }
        }
    }

    private synchronized Set<String> takeNow(Set<String> wanted, Function<BrowsedMessage, String> naming)
            throws Exception {
        Channel on = openChannel();
        Set<String> missing = new HashSet<>(wanted);
        missing.removeAll(held.keySet());
        if (missing.isEmpty()) {
            return Set.copyOf(held.keySet());
        }
        long ready = on.queueDeclarePassive(queue).getMessageCount();
        List<Long> others = new ArrayList<>();
        try {
            for (long taken = 0; taken < ready && taken < QueueBrowse.HOLD_LIMIT && !missing.isEmpty(); taken++) {
                GetResponse response = on.basicGet(queue, false);
                if (response == null) {
                    break; // consumers took the rest meanwhile
                }
                long tag = response.getEnvelope().getDeliveryTag();
                BrowsedMessage message = AmqpMessages.toBrowsed(queue, taken, response.getEnvelope(),
                        response.getProps(), response.getBody());
                String name = naming.apply(message);
                if (missing.remove(name)) {
                    held.put(name, tag);
                } else {
                    others.add(tag);
                }
            }
        } finally {
            if (on.isOpen()) {
                for (long tag : others) {
                    on.basicNack(tag, false, true);
                }
            }
        }
        return Set.copyOf(held.keySet());
    }

    private synchronized void removeNow(String name) throws Exception {
        Long tag = channel != null && channel.isOpen() ? held.get(name) : null;
        if (tag == null) {
            throw new BrokerException("No message named " + name + " is held from queue '" + queue + "': take it "
                    + "first (the broker put it back if the hold's channel closed).", null);
        }
        channel.basicAck(tag, false);
        // An acknowledgement has no reply in AMQP 0-9-1; the broker handles a channel's methods in order, so the
        // reply to this passive declare means the ack was handled: the message is gone, not just asked to go.
        channel.queueDeclarePassive(queue);
        held.remove(name);
    }

    /** The hold's channel; a new one if the broker closed the last (its held messages are back in the queue). */
    private Channel openChannel() throws Exception {
        if (closed) {
            throw new BrokerException("The hold on queue '" + queue + "' was closed.", null);
        }
        if (channel == null || !channel.isOpen()) {
            held.clear();
            channel = channels.open();
        }
        return channel;
    }

    private <T> CompletionStage<T> call(String action, Callable<T> blocking) {
        if (readOnlyProfile != null) {
            return CompletableFuture.failedFuture(new ReadOnlyProfileException(readOnlyProfile, action));
        }
        var result = new CompletableFuture<T>();
        try {
            io.execute(() -> {
                try {
                    result.complete(blocking.call());
                } catch (Exception e) {
                    result.completeExceptionally(RabbitErrors.explain(e, endpoint));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            result.completeExceptionally(new BrokerException("The connection to " + endpoint.display()
                    + " was closed.", null));
        }
        return result;
    }
}
