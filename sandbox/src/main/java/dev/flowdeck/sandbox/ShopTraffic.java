package dev.flowdeck.sandbox;

import dev.flowdeck.core.concurrent.NamedThreadFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Runs the simulated shop against a broker: the storefront placing orders at a fixed rate, four services that keep
 * up (and dead-letter a few events), one group that falls behind, one that stalls and one that is late on purpose.
 * It owns its threads: one per consumer, one for the storefront.
 */
final class ShopTraffic implements AutoCloseable {

    private final SandboxSettings settings;
    private final Producer<String, String> producer;
    private final ShopTracing tracing = new ShopTracing();
    private final ShopEvents events = new ShopEvents();
    private final List<SimulatedConsumer> consumers = new ArrayList<>();
    private final ExecutorService consumerThreads =
            Executors.newThreadPerTaskExecutor(new NamedThreadFactory("flowdeck-sandbox-consumer"));
    private final ScheduledExecutorService storefront =
            Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("flowdeck-sandbox-storefront"));

    ShopTraffic(String bootstrapServers, SandboxSettings settings) {
        this.settings = settings;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "sandbox-shop",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));

        double failures = settings.failureRate();
        consumers.add(pipeline(bootstrapServers, ShopTopology.PAYMENT_SERVICE, ShopTopology.ORDERS,
                ShopTopology.PAYMENTS, failures, 1,
                (order, random) -> Optional.of(events.payment(order, random.nextDouble() >= 0.08, random, Instant.now()))));
        consumers.add(pipeline(bootstrapServers, ShopTopology.INVENTORY_SERVICE, ShopTopology.PAYMENTS,
                ShopTopology.INVENTORY, failures, 2,
                (payment, random) -> events.stockReserved(payment, random, Instant.now())));
        consumers.add(pipeline(bootstrapServers, ShopTopology.SHIPPING_SERVICE, ShopTopology.INVENTORY,
                ShopTopology.SHIPMENTS, failures * 0.6, 3,
                (reservation, random) -> Optional.of(events.shipmentPrepared(reservation, random, Instant.now()))));
        consumers.add(pipeline(bootstrapServers, ShopTopology.NOTIFICATION_SERVICE, ShopTopology.SHIPMENTS,
                ShopTopology.NOTIFICATIONS, failures * 0.3, 4,
                (shipment, random) -> Optional.of(events.customerNotified(shipment, Instant.now()))));
        consumers.add(new SlowConsumer(bootstrapServers, ShopTopology.SLOW_GROUP, ShopTopology.ORDERS,
                settings.slowConsumerPerSecond()));
        consumers.add(new StalledConsumer(bootstrapServers, ShopTopology.STALLED_GROUP, ShopTopology.PAYMENTS,
                settings.stalledAfterRecords()));
        consumers.add(new DelayedConsumer(bootstrapServers, ShopTopology.DELAYED_GROUP, ShopTopology.NOTIFICATIONS,
                settings.emailDelay()));
    }

    private PipelineService pipeline(String bootstrapServers, String group, String input, String output,
                                     double failureRate, int stream, PipelineService.Step step) {
        return new PipelineService(bootstrapServers, group, input, output, step, failureRate,
                new SplittableRandom(settings.seed() + stream), producer, tracing, events);
    }

    void start() {
        consumers.forEach(consumerThreads::execute);
        long periodNanos = Math.round(1_000_000_000L / settings.ordersPerSecond());
        var source = new OrderSource(producer, tracing, events, new SplittableRandom(settings.seed()));
        storefront.scheduleAtFixedRate(source, 0, periodNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        storefront.shutdownNow();
        consumers.forEach(SimulatedConsumer::stop);
        consumerThreads.shutdown();
        try {
            storefront.awaitTermination(5, TimeUnit.SECONDS);
            consumerThreads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(java.time.Duration.ofSeconds(5));
        tracing.close();
    }
}
