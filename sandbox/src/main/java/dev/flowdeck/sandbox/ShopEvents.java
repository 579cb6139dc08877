package dev.flowdeck.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The shop's events as JSON. Every event names its {@code type}, carries the business key {@code orderId} and the
 * {@code customerId}; later events carry the order's items forward, as an enriched event stream does.
 */
final class ShopEvents {

    static final String ORDER_PLACED = "OrderPlaced";
    static final String PAYMENT_CAPTURED = "PaymentCaptured";
    static final String PAYMENT_DECLINED = "PaymentDeclined";
    static final String STOCK_RESERVED = "StockReserved";
    static final String SHIPMENT_PREPARED = "ShipmentPrepared";
    static final String CUSTOMER_NOTIFIED = "CustomerNotified";

    private static final List<String> SKUS =
            List.of("SKU-1001", "SKU-1042", "SKU-2210", "SKU-3307", "SKU-4471", "SKU-5150", "SKU-6502");
    private static final List<String> CURRENCIES = List.of("EUR", "EUR", "EUR", "USD", "GBP", "CHF");
    private static final List<String> METHODS = List.of("card", "card", "paypal", "sepa", "klarna");
    private static final List<String> DECLINE_REASONS =
            List.of("insufficient_funds", "card_expired", "suspected_fraud", "do_not_honor");
    private static final List<String> WAREHOUSES = List.of("FRA-1", "AMS-2", "WAW-1");
    private static final List<String> CARRIERS = List.of("DHL", "UPS", "DPD", "PostNL");

    private final ObjectMapper json = new ObjectMapper();

    ObjectNode orderPlaced(long sequence, RandomGenerator random, Instant now) {
        ObjectNode order = event(ORDER_PLACED, "ord-%07d".formatted(sequence),
                "cust-%05d".formatted(random.nextInt(1, 20_000)), now);
        ArrayNode items = order.putArray("items");
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0, n = random.nextInt(1, 4); i < n; i++) {
            BigDecimal price = BigDecimal.valueOf(random.nextInt(299, 19_999), 2);
            int quantity = random.nextInt(1, 3);
            items.addObject()
                    .put("sku", pick(SKUS, random))
                    .put("quantity", quantity)
                    .put("unitPrice", price);
            total = total.add(price.multiply(BigDecimal.valueOf(quantity)));
        }
        order.put("amount", total.setScale(2, RoundingMode.HALF_UP));
        order.put("currency", pick(CURRENCIES, random));
        return order;
    }

    ObjectNode payment(ObjectNode order, boolean captured, RandomGenerator random, Instant now) {
        ObjectNode payment = next(order, captured ? PAYMENT_CAPTURED : PAYMENT_DECLINED, now);
        payment.put("paymentId", "pay-" + shortId(random));
        payment.set("amount", order.get("amount"));
        payment.set("currency", order.get("currency"));
        payment.put("method", pick(METHODS, random));
        if (!captured) {
            payment.put("reason", pick(DECLINE_REASONS, random));
        }
        payment.set("items", order.get("items"));
        return payment;
    }

    /** Only captured payments reserve stock; a declined order ends here. */
    Optional<ObjectNode> stockReserved(ObjectNode payment, RandomGenerator random, Instant now) {
        if (!PAYMENT_CAPTURED.equals(payment.path("type").asText())) {
            return Optional.empty();
        }
        ObjectNode reserved = next(payment, STOCK_RESERVED, now);
        reserved.put("reservationId", "res-" + shortId(random));
        reserved.put("warehouse", pick(WAREHOUSES, random));
        reserved.set("items", payment.get("items"));
        return Optional.of(reserved);
    }

    ObjectNode shipmentPrepared(ObjectNode reservation, RandomGenerator random, Instant now) {
        ObjectNode shipment = next(reservation, SHIPMENT_PREPARED, now);
        shipment.put("shipmentId", "shp-" + shortId(random));
        shipment.put("carrier", pick(CARRIERS, random));
        shipment.set("warehouse", reservation.get("warehouse"));
        shipment.put("parcels", Math.max(1, reservation.path("items").size() / 2));
        return shipment;
    }

    ObjectNode customerNotified(ObjectNode shipment, Instant now) {
        ObjectNode notice = next(shipment, CUSTOMER_NOTIFIED, now);
        notice.put("channel", "email");
        notice.put("template", "order-shipped");
        notice.set("shipmentId", shipment.get("shipmentId"));
        return notice;
    }

    ObjectNode parse(String value) {
        try {
            JsonNode node = json.readTree(value);
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new IllegalArgumentException("not a JSON object");
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    String write(ObjectNode event) {
        return event.toString();
    }

    private ObjectNode next(ObjectNode previous, String type, Instant now) {
        return event(type, previous.path("orderId").asText(), previous.path("customerId").asText(), now);
    }

    private ObjectNode event(String type, String orderId, String customerId, Instant now) {
        ObjectNode event = json.createObjectNode();
        event.put("type", type);
        event.put("eventId", UUID.randomUUID().toString());
        event.put("orderId", orderId);
        event.put("customerId", customerId);
        event.put("occurredAt", now.toString());
        return event;
    }

    private static String shortId(RandomGenerator random) {
        return Long.toHexString(random.nextLong() & 0xFFFF_FFFFFFL);
    }

    private static <T> T pick(List<T> values, RandomGenerator random) {
        return values.get(random.nextInt(values.size()));
    }
}
