package dev.flowdeck.connectors.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Return;
import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.publish.OutgoingMessage;
import dev.flowdeck.core.publish.PublishReceipt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes on a channel in confirm mode, with {@code mandatory} set: a publish completes only when the broker has
 * confirmed it, and one that no queue takes fails instead of vanishing.
 *
 * <p>Publishes do not wait for each other's confirms: a replay keeps a thousand out at once, and a round trip per
 * message would bound it to a few thousand a second. They wait in a queue that one task on the connection's
 * threads empties into the channel ({@code basicPublish} may block on the broker's flow control, so never on the
 * caller's thread), each under the sequence number the channel gives it; the broker's acks (one, or all up to a
 * number) complete them, on the channel's dispatch thread. The broker sends a mandatory message's return before its
 * ack, in the order the messages were published, so a return belongs to the oldest unconfirmed message with the
 * same exchange, routing key and body.
 *
 * <p>The timeout is the broker's silence, not a message's wait: with thousands out, the last waits for all before
 * it, which on a slow disk is longer than any fixed bound. So the unconfirmed messages fail together only when no
 * ack or nack came for the whole timeout while some were waiting.
 */
final class RabbitPublisher {

    private static final class Pending {
        final OutgoingMessage message;
        final String routingKey;
        final byte[] body;
        final CompletableFuture<PublishReceipt> receipt = new CompletableFuture<>();
        volatile Return returned;

        Pending(OutgoingMessage message) {
            this.message = message;
            this.routingKey = message.key() == null ? "" : new String(message.key(), StandardCharsets.UTF_8);
            this.body = message.value() == null ? new byte[0] : message.value();
        }
    }

    private final Channel channel;
    private final Duration timeout;
    private final Executor io;
    private final ConcurrentLinkedQueue<Pending> toSend = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final ConcurrentNavigableMap<Long, Pending> unconfirmed = new ConcurrentSkipListMap<>();
    /** When the broker last answered, or the first message began waiting for it (System.nanoTime). */
    private volatile long lastProgress = System.nanoTime();
    private final AtomicBoolean watching = new AtomicBoolean();

    RabbitPublisher(Channel channel, Duration timeout, Executor io) throws IOException {
        this.channel = channel;
        this.timeout = timeout;
        this.io = io;
        channel.confirmSelect();
        channel.addReturnListener(this::returned);
        channel.addConfirmListener((sequence, multiple) -> confirmed(sequence, multiple, true),
                (sequence, multiple) -> confirmed(sequence, multiple, false));
        channel.addShutdownListener(this::failUnconfirmed);
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /**
     * Queues the message; the stage completes once the broker confirmed it, and fails if it refuses it, routes it
     * nowhere, the channel closes or no confirm comes within the timeout.
     */
    CompletableFuture<PublishReceipt> publish(OutgoingMessage message) {
        Pending pending = new Pending(message);
        toSend.add(pending);
        if (sending.compareAndSet(false, true)) {
            try {
                io.execute(this::sendQueued);
            } catch (RejectedExecutionException closing) {
                sendQueued(); // the channel is closing with the connection: each publish fails at once
            }
        }
        return pending.receipt;
    }

    /** Checks, a timeout after the broker's last answer, that it answered since; fails what waits if not. */
    private void watch(long delayNanos) {
        CompletableFuture.delayedExecutor(delayNanos, TimeUnit.NANOSECONDS, io).execute(() -> {
            if (unconfirmed.isEmpty()) {
                watching.set(false);
                if (!unconfirmed.isEmpty() && watching.compareAndSet(false, true)) {
                    watch(timeout.toNanos()); // one began waiting just now
                }
                return;
            }
            long silent = System.nanoTime() - lastProgress;
            if (silent >= timeout.toNanos()) {
                failUnconfirmed(new java.util.concurrent.TimeoutException("no confirm from the broker in "
                        + timeout.toSeconds() + " s"));
                watching.set(false);
            } else {
                watch(timeout.toNanos() - silent);
            }
        });
    }

    private void sendQueued() {
        do {
            Pending pending;
            while ((pending = toSend.poll()) != null) {
                publishNow(pending);
            }
            sending.set(false);
        } while (!toSend.isEmpty() && sending.compareAndSet(false, true));
    }

    private synchronized void publishNow(Pending pending) {
        long sequence = channel.getNextPublishSeqNo();
        if (unconfirmed.isEmpty()) {
            lastProgress = System.nanoTime(); // the broker owes nothing until now
        }
        unconfirmed.put(sequence, pending);
        if (watching.compareAndSet(false, true)) {
            watch(timeout.toNanos());
        }
        try {
            channel.basicPublish(pending.message.destination(), pending.routingKey, true,
                    AmqpMessages.toProperties(pending.message.headers(), pending.message.properties()),
                    pending.body);
        } catch (IOException | RuntimeException failed) {
            unconfirmed.remove(sequence);
            pending.receipt.completeExceptionally(failed);
        }
    }

    private void returned(Return message) {
        for (Pending pending : unconfirmed.values()) {
            if (pending.returned == null && pending.message.destination().equals(message.getExchange())
                    && pending.routingKey.equals(message.getRoutingKey())
                    && Arrays.equals(pending.body, message.getBody())) {
                pending.returned = message;
                return;
            }
        }
    }

    private void confirmed(long sequence, boolean multiple, boolean ack) {
        lastProgress = System.nanoTime();
        if (multiple) {
            Map<Long, Pending> answered = unconfirmed.headMap(sequence, true);
            answered.values().forEach(pending -> answer(pending, ack));
            answered.clear();
        } else {
            Pending pending = unconfirmed.remove(sequence);
            if (pending != null) {
                answer(pending, ack);
            }
        }
    }

    private void answer(Pending pending, boolean ack) {
        String exchange = pending.message.destination();
        if (!ack) {
            pending.receipt.completeExceptionally(new BrokerException("The broker refused the message (a nack) "
                    + "for exchange '" + exchange + "': it was not stored. Publish it again.", null));
        } else if (pending.returned != null) {
            pending.receipt.completeExceptionally(new BrokerException("No queue took the message: exchange '"
                    + exchange + "' routes routing key '" + pending.routingKey + "' nowhere ("
                    + pending.returned.getReplyText() + ").", null));
        } else {
            pending.receipt.complete(new PublishReceipt(exchange, 0, -1));
        }
    }

    private void failUnconfirmed(Exception cause) {
        unconfirmed.values().forEach(pending -> pending.receipt.completeExceptionally(cause));
        unconfirmed.clear();
    }
}
