package dev.flowdeck.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The shop's storefront: places one order per call, each the root of a new trace with its own correlation id. */
final class OrderSource implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(OrderSource.class);

    private final Producer<String, String> producer;
    private final ShopTracing tracing;
    private final ShopEvents events;
    private final RandomGenerator random;
    private long sequence;

    OrderSource(Producer<String, String> producer, ShopTracing tracing, ShopEvents events, RandomGenerator random) {
        this.producer = producer;
        this.tracing = tracing;
        this.events = events;
        this.random = random;
    }

    @Override
    public void run() {
        try {
            var order = events.orderPlaced(++sequence, random, Instant.now());
            var record = new ProducerRecord<>(ShopTopology.ORDERS, order.path("orderId").asText(), events.write(order));
            record.headers().add(PipelineService.CORRELATION_ID, utf8(UUID.randomUUID().toString()));
            record.headers().add(PipelineService.EVENT_TYPE, utf8(ShopEvents.ORDER_PLACED));
            record.headers().add(PipelineService.CONTENT_TYPE, utf8("application/json"));
            tracing.startTrace(ShopTopology.ORDERS, record.headers());
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    LOG.warn("Sandbox order {} was not stored: {}", record.key(), error.getMessage());
                }
            });
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep the shop open.
            LOG.warn("Sandbox could not place an order: {}", e.getMessage());
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
