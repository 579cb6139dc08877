package dev.flowdeck.sandbox;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.flowdeck.core.concurrent.NamedThreadFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop's RabbitMQ side, misbehaving in each way a queue can dead-letter:
 *
 * <pre>
 * shop.events (topic) ─order.placed─▶ billing.invoices   (quorum; billing rejects some)    ─▶ billing.invoices.dlq
 *                     ─order.*─────▶ email.outbox       (classic; TTL 5 s, nobody reads)  ─▶ email.outbox.dlq
 *                     ─order.*─────▶ warehouse.picks    (classic; max 10, slow picker)    ─▶ warehouse.picks.dlq
 *                     ─#───────────▶ audit.log          (stream; everything, kept)
 * </pre>
 *
 * Dead letters go through {@code shop.dlx} (direct); billing and the warehouse set it by queue argument, the
 * e-mail outbox by a policy, as real systems mix both.
 */
final class RabbitShopTraffic implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RabbitShopTraffic.class);

    static final String EXCHANGE = "shop.events";
    static final String DEAD_LETTER_EXCHANGE = "shop.dlx";
    static final String BILLING = "billing.invoices";
    static final String EMAIL = "email.outbox";
    static final String WAREHOUSE = "warehouse.picks";
    static final String AUDIT = "audit.log";

    private final Connection connection;
    private final ScheduledExecutorService storefront =
            Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("flowdeck-sandbox-rabbit-storefront"));
    private final ExecutorService consumerThreads =
            Executors.newFixedThreadPool(2, new NamedThreadFactory("flowdeck-sandbox-rabbit-consumer"));
    private final ShopTracing tracing = new ShopTracing();
    private final ShopEvents events = new ShopEvents();
    private final SandboxSettings settings;

    RabbitShopTraffic(String amqpUri, String managementUri, SandboxSettings settings) throws Exception {
        this.settings = settings;
        var factory = new ConnectionFactory();
        factory.setUri(amqpUri);
        this.connection = factory.newConnection(consumerThreads, "sandbox-shop");
        try {
            try (Channel channel = connection.createChannel()) {
                declareTopology(channel);
            }
            declareEmailPolicy(managementUri);
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private static void declareTopology(Channel channel) throws IOException {
        channel.exchangeDeclare(EXCHANGE, "topic", true);
        channel.exchangeDeclare(DEAD_LETTER_EXCHANGE, "direct", true);
        channel.queueDeclare(BILLING, true, false, false, Map.of("x-queue-type", "quorum",
                "x-dead-letter-exchange", DEAD_LETTER_EXCHANGE, "x-dead-letter-routing-key", BILLING + ".dlq"));
        channel.queueDeclare(EMAIL, true, false, false, Map.of("x-message-ttl", 5_000));
        channel.queueDeclare(WAREHOUSE, true, false, false, Map.of("x-max-length", 10,
                "x-dead-letter-exchange", DEAD_LETTER_EXCHANGE, "x-dead-letter-routing-key", WAREHOUSE + ".dlq"));
        channel.queueDeclare(AUDIT, true, false, false, Map.of("x-queue-type", "stream"));
        channel.queueBind(BILLING, EXCHANGE, "order.placed");
        channel.queueBind(EMAIL, EXCHANGE, "order.*");
        channel.queueBind(WAREHOUSE, EXCHANGE, "order.*");
        channel.queueBind(AUDIT, EXCHANGE, "#");
        for (String queue : new String[] {BILLING, EMAIL, WAREHOUSE}) {
            channel.queueDeclare(queue + ".dlq", true, false, false, null);
            channel.queueBind(queue + ".dlq", DEAD_LETTER_EXCHANGE, queue + ".dlq");
        }
    }

    /** The e-mail outbox gets its dead-letter exchange from a policy, which only the management API sets. */
    private static void declareEmailPolicy(String managementUri) throws IOException, InterruptedException {
        String auth = Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));
        String body = """
                {"pattern": "^email\\\\.outbox$", "apply-to": "queues", "definition":
                  {"dead-letter-exchange": "%s", "dead-letter-routing-key": "%s.dlq"}}
                """.formatted(DEAD_LETTER_EXCHANGE, EMAIL);
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(); // no h2c upgrade: the API refuses it
        var response = http.send(HttpRequest.newBuilder(
                        URI.create(managementUri + "policies/%2F/email-dead-letters"))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new SandboxException("Could not set the sandbox's e-mail policy: " + response.statusCode() + " "
                    + response.body());
        }
    }

    void start() throws IOException {
        Channel publisher = connection.createChannel();
        var random = new SplittableRandom(settings.seed() + 100);
        long periodNanos = Math.round(1_000_000_000L / Math.max(0.5, settings.ordersPerSecond() / 2));
        long[] sequence = {0};
        storefront.scheduleAtFixedRate(() -> {
            try {
                var order = events.orderPlaced(++sequence[0], random, Instant.now());
                var props = new AMQP.BasicProperties.Builder()
                        .contentType("application/json").deliveryMode(2)
                        .messageId(UUID.randomUUID().toString())
                        .correlationId(UUID.randomUUID().toString())
                        .timestamp(new Date())
                        .type(ShopEvents.ORDER_PLACED)
                        .headers(Map.of("traceparent", tracing.startTrace(EXCHANGE)))
                        .build();
                publisher.basicPublish(EXCHANGE, "order.placed", props,
                        events.write(order).getBytes(StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Sandbox could not publish an order to RabbitMQ: {}", e.getMessage());
            }
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        startBilling(random.split());
        startWarehousePicker();
    }

    /** Billing keeps up but rejects the invoices it cannot make: those are dead-lettered with reason rejected. */
    private void startBilling(SplittableRandom random) throws IOException {
        Channel channel = connection.createChannel();
        channel.basicQos(20);
        channel.basicConsume(BILLING, false, "billing", new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                    throws IOException {
                if (random.nextDouble() < Math.max(settings.failureRate() * 2, 0.05)) {
                    channel.basicReject(envelope.getDeliveryTag(), false);
                } else {
                    channel.basicAck(envelope.getDeliveryTag(), false);
                }
            }
        });
    }

    /** The picker needs two seconds a pick: its queue fills to its max length and the oldest overflow. */
    private void startWarehousePicker() throws IOException {
        Channel channel = connection.createChannel();
        channel.basicQos(1);
        channel.basicConsume(WAREHOUSE, false, "warehouse-picker", new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                storefront.schedule(() -> {
                    try {
                        channel.basicAck(envelope.getDeliveryTag(), false);
                    } catch (IOException | RuntimeException e) {
                        LOG.debug("Sandbox picker could not ack: {}", e.getMessage());
                    }
                }, 2, TimeUnit.SECONDS);
            }
        });
    }

    @Override
    public void close() {
        storefront.shutdownNow();
        try {
            connection.close(3_000);
        } catch (IOException | RuntimeException e) {
            connection.abort();
        }
        consumerThreads.shutdownNow();
        tracing.close();
    }
}
