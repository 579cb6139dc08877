package dev.flowdeck.connectors.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a stream ended when a browse began. AMQP 0-9-1 does not say, and the management API has only a message
 * count that it refreshes every 5 s (no offset at all on RabbitMQ 3.10), so the broker is asked another way: a
 * consumer attached at offset {@code next} gets, as its first delivery, the first message appended after it
 * attached, and that message's offset is the end, exact to the moment of attaching. Attach it before the browse's
 * own consumer.
 *
 * <p>On a stream that receives nothing, no such message comes and the end stays unknown; the browse then ends when
 * the stream has been quiet a moment. Holding one unacknowledged delivery costs nothing: a stream removes nothing.
 */
final class StreamEnd implements AutoCloseable {

    private final Channel channel;
    private final AtomicLong end = new AtomicLong(-1);

    private StreamEnd(Channel channel) {
        this.channel = channel;
    }

    /** Attaches on a channel of its own, so its one delivery never waits behind the browse's. */
    static StreamEnd attach(Connection connection, String stream) throws IOException {
        Channel channel = connection.createChannel();
        var probe = new StreamEnd(channel);
        try {
            channel.basicQos(1); // one delivery is all it needs; never acknowledged, so no second one comes
            channel.basicConsume(stream, false, Map.of("x-stream-offset", "next"), new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties props,
                                           byte[] body) {
                    Object offset = props.getHeaders() == null ? null : props.getHeaders().get("x-stream-offset");
                    if (offset instanceof Number number) {
                        probe.end.compareAndSet(-1, number.longValue());
                    }
                }
            });
            return probe;
        } catch (IOException | RuntimeException e) {
            channel.abort();
            throw e;
        }
    }

    /** The offset of the first message appended after the browse began, or -1 while none has been. */
    long offset() {
        return end.get();
    }

    /** Closes the probe's channel, quietly: by now only the browse's own outcome matters. */
    @Override
    public void close() throws IOException {
        channel.abort();
    }
}
