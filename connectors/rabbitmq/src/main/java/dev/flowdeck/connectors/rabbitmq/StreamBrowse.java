package dev.flowdeck.connectors.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.StartPosition;
import dev.flowdeck.core.decode.ContentDecoding;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Browses a stream queue by offset, without side effects: a stream is a log, and reading it (with acks, which a
 * stream needs for flow control) removes nothing. Deliveries arrive on the connection's consumer thread and are
 * handed to the browse thread through a small bounded queue: the prefetch keeps the broker from sending more. The
 * browse thread reads them (headers, and values by their content type and encoding) and filters them.
 *
 * <p>A browse that does not follow ends where the stream ended when it began, which {@link StreamEnd} learns from
 * the broker as soon as one more message is appended: exact, give or take the few messages that may reach the
 * browse in the moment before the probe hears of the first one. A stream that receives nothing never says, so
 * there the browse ends once the stream has been quiet for {@link #QUIET_END_MS} after catching up: what arrives
 * later belongs to a live tail.
 *
 * <p>The total is the management API's message count for a browse from the beginning, 5 s old at most, until the
 * end is known; then it is the offsets from the first one read to the end (a stream that rolled over segments
 * skips an offset now and then, so it may exceed what is read by a few).
 */
final class StreamBrowse extends AmqpBrowse {

    static final long QUIET_END_MS = 1_000;

    private final long counted;

    /** {@code counted}: the messages the management API last counted in the stream, or -1. */
    StreamBrowse(Connection connection, BrowseRequest request, Flow.Subscriber<? super MessageBatch> subscriber,
                 Consumer<AmqpBrowse> onFinished, RabbitEndpoint endpoint, long counted) {
        super(connection, request, subscriber, onFinished, endpoint);
        this.counted = counted;
    }

    @Override
    void read(Channel channel) throws Exception {
        Object offset = switch (request.start()) {
            case StartPosition.Earliest ignored -> "first";
            case StartPosition.Latest ignored -> "next";
            case StartPosition.Offset at -> at.offset();
            case StartPosition.Timestamp at -> Date.from(at.time());
            case StartPosition.LastN ignored -> throw new BrokerException("A stream cannot start at its last N "
                    + "messages: RabbitMQ does not say where they begin. Start at the beginning, an offset or a time.",
                    null);
        };
        // Attached before the browse's own consumer, so that it marks the end as it was when the browse began.
        try (StreamEnd end = request.follow() ? null
                : StreamEnd.attach(channel.getConnection(), request.destination())) {
            read(channel, offset, end);
        }
    }

    private void read(Channel channel, Object offset, StreamEnd end) throws Exception {
        BlockingQueue<Arrival> arrived = new ArrayBlockingQueue<>(BATCH * 2);
        var stopped = new AtomicBoolean();
        channel.basicQos(BATCH);
        String tag = channel.basicConsume(request.destination(), false, Map.of("x-stream-offset", offset),
                new DefaultConsumer(channel) {
                    @Override
                    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties props,
                                               byte[] body) throws IOException {
                        var arrival = new Arrival(envelope, props, body);
                        try {
                            // Never block the connection's dispatch thread for good: give up once the browse ends.
                            while (!arrived.offer(arrival, 100, TimeUnit.MILLISECONDS)) {
                                if (stopped.get()) {
                                    return;
                                }
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        getChannel().basicAck(envelope.getDeliveryTag(), false);
                    }
                });
        long limit = request.limit() > 0 ? request.limit() : Long.MAX_VALUE;
        long estimate = request.start() instanceof StartPosition.Earliest ? counted : -1;
        Deque<Arrival> pending = new ArrayDeque<>(); // taken from the hand-over, not yet read
        long first = -1;
        long scanned = 0;
        long matched = 0;
        long quietSince = System.nanoTime();
        try {
            while (demand.await()) {
                if (pending.isEmpty()) {
                    Arrival head = arrived.poll(100, TimeUnit.MILLISECONDS);
                    if (head != null) {
                        pending.add(head);
                        arrived.drainTo(pending, BATCH - 1);
                    }
                }
                boolean gotAny = !pending.isEmpty();
                long endOffset = end == null ? -1 : end.offset();
                boolean done = false;
                List<BrowsedMessage> batch = new ArrayList<>();
                long weight = 0;
                // What is left of a heavy batch waits in `pending` for the subscriber's next demand.
                while (!pending.isEmpty() && weight < BATCH_BYTES) {
                    // Read here, not on the connection's dispatch thread: inflating a value takes a while, and the
                    // dispatch thread serves every consumer of the connection.
                    BrowsedMessage message = pending.poll().read(request.destination(), content);
                    if (endOffset >= 0 && message.offset() >= endOffset) {
                        done = true;
                        break;
                    }
                    first = first < 0 ? message.offset() : first;
                    scanned++;
                    if (request.filter().test(message)) {
                        batch.add(message);
                        weight += weight(message);
                        if (matched + batch.size() >= limit) {
                            done = true;
                            break;
                        }
                    }
                }
                long total = endOffset >= 0 ? total(first < 0 ? 0 : Math.max(0, endOffset - first), limit)
                        : scanned <= estimate ? total(estimate, limit) : -1; // a count read past is out of date
                if (gotAny) {
                    quietSince = System.nanoTime();
                    matched += batch.size();
                    if (!deliver(new MessageBatch(batch, scanned, matched, total))) {
                        return;
                    }
                }
                boolean quiet = !request.follow()
                        && TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - quietSince) >= QUIET_END_MS;
                if (done || quiet) {
                    return;
                }
            }
        } finally {
            stopped.set(true);
            if (channel.isOpen()) {
                channel.basicCancel(tag);
            }
            arrived.clear();
            pending.clear();
        }
    }

    /** A delivery as the connection handed it over, read into a message on the browse's own thread. */
    private record Arrival(Envelope envelope, AMQP.BasicProperties props, byte[] body) {
        BrowsedMessage read(String stream, ContentDecoding content) {
            return AmqpMessages.toBrowsed(stream, -1, envelope, props, body, content);
        }
    }

    /** As for every browse: an unfiltered browse reads no more than its limit. */
    private long total(long inRange, long limit) {
        return request.unfiltered() ? Math.min(inRange, limit) : inRange;
    }
}
