package dev.flowdeck.sandbox;

import java.util.List;

/**
 * The simulated online shop: which topics carry which events and which consumer groups read them.
 *
 * <pre>
 * orders ──payment-service──▶ payments ──inventory-service──▶ inventory ──shipping-service──▶ shipments
 *   │                            │                                                              │
 *   ├──analytics-loader (slow)   └──fraud-audit (stalls)                    notification-service─┘──▶ notifications
 *                                                                                                           │
 *                                                                             customer-emails (30 s late) ◀─┘
 * </pre>
 *
 * Each pipeline service dead-letters what it fails to process into {@code <input topic>-dlt}, the way Spring
 * Kafka 4's {@code DeadLetterPublishingRecoverer} does.
 */
public final class ShopTopology {

    public static final String ORDERS = "orders";
    public static final String PAYMENTS = "payments";
    public static final String INVENTORY = "inventory";
    public static final String SHIPMENTS = "shipments";
    public static final String NOTIFICATIONS = "notifications";

    public static final String PAYMENT_SERVICE = "payment-service";
    public static final String INVENTORY_SERVICE = "inventory-service";
    public static final String SHIPPING_SERVICE = "shipping-service";
    public static final String NOTIFICATION_SERVICE = "notification-service";
    /** Reads orders more slowly than they arrive: its lag keeps growing. */
    public static final String SLOW_GROUP = "analytics-loader";
    /** Stops committing after a poison record while staying in its group: lag with offsets that never move. */
    public static final String STALLED_GROUP = "fraud-audit";
    /**
     * Emails each customer only once the notification is {@link SandboxSettings#emailDelay()} old: a group that
     * keeps up, with a lag in time that hovers at that delay.
     */
    public static final String DELAYED_GROUP = "customer-emails";

    public static final int PARTITIONS = 3;

    public static final List<String> EVENT_TOPICS = List.of(ORDERS, PAYMENTS, INVENTORY, SHIPMENTS, NOTIFICATIONS);
    public static final List<String> DEAD_LETTER_TOPICS =
            List.of(deadLetterTopic(ORDERS), deadLetterTopic(PAYMENTS), deadLetterTopic(INVENTORY),
                    deadLetterTopic(SHIPMENTS));

    private ShopTopology() {
    }

    /** Spring Kafka 4's default: {@code <topic>-dlt} (older versions wrote {@code <topic>.DLT}). */
    public static String deadLetterTopic(String topic) {
        return topic + "-dlt";
    }

    public static List<String> allTopics() {
        return java.util.stream.Stream.concat(EVENT_TOPICS.stream(), DEAD_LETTER_TOPICS.stream()).toList();
    }
}
