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
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Browses a stream queue by offset, without side effects: a stream is a log, and reading it (with acks, which a
 * stream needs for flow control) removes nothing. Deliveries arrive on the connection's consumer thread and are
 * handed to the browse thread through a small bounded queue: the prefetch keeps the broker from sending more.
 *
 * <p>A stream does not say where its end is, so a browse that does not follow stops when the stream has been
 * quiet for {@link #QUIET_END_MS} after catching up: what arrives later belongs to a live tail.
 */
final class StreamBrowse extends AmqpBrowse {

    static final long QUIET_END_MS = 1_000;

    StreamBrowse(Connection connection, BrowseRequest request, Flow.Subscriber<? super MessageBatch> subscriber,
                 Consumer<AmqpBrowse> onFinished, RabbitEndpoint endpoint) {
        super(connection, request, subscriber, onFinished, endpoint);
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
        BlockingQueue<BrowsedMessage> arrived = new ArrayBlockingQueue<>(BATCH * 2);
        var stopped = new java.util.concurrent.atomic.AtomicBoolean();
        channel.basicQos(BATCH);
        String tag = channel.basicConsume(request.destination(), false, Map.of("x-stream-offset", offset),
                new DefaultConsumer(channel) {
                    @Override
                    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties props,
                                               byte[] body) throws java.io.IOException {
                        var message = AmqpMessages.toBrowsed(request.destination(), -1, envelope, props, body);
                        try {
                            // Never block the connection's dispatch thread for good: give up once the browse ends.
                            while (!arrived.offer(message, 100, TimeUnit.MILLISECONDS)) {
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
        long scanned = 0;
        long matched = 0;
        long quietSince = System.nanoTime();
        try {
            while (demand.await()) {
                List<BrowsedMessage> read = new ArrayList<>();
                BrowsedMessage first = arrived.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    read.add(first);
                    arrived.drainTo(read, BATCH - 1);
                }
                List<BrowsedMessage> batch = read.stream().filter(request.filter()::test).toList();
                if (request.limit() > 0 && matched + batch.size() > request.limit()) {
                    batch = batch.subList(0, (int) (request.limit() - matched));
                }
                if (!read.isEmpty()) {
                    quietSince = System.nanoTime();
                    scanned += read.size();
                    matched += batch.size();
                    if (!deliver(new MessageBatch(batch, scanned, matched, -1))) {
                        return;
                    }
                }
                boolean limitReached = request.limit() > 0 && matched >= request.limit();
                boolean quiet = !request.follow()
                        && TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - quietSince) >= QUIET_END_MS;
                if (limitReached || quiet) {
                    return;
                }
            }
        } finally {
            stopped.set(true);
            if (channel.isOpen()) {
                channel.basicCancel(tag);
            }
            arrived.clear();
        }
    }
}
