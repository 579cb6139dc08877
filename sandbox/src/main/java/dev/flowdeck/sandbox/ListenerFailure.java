package dev.flowdeck.sandbox;

import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Why a simulated listener failed: the exception that really failed (Spring calls it the cause) with a message and
 * a stack trace shaped like the JVM prints them, wrapped as Spring Kafka's listener container wraps it.
 *
 * @param causeClass the fully qualified class that failed
 * @param message    the cause's message, with the ids and numbers a real one would have
 * @param frames     the cause's top stack frames ({@code class.method(File.java:line)})
 */
record ListenerFailure(String causeClass, String message, List<String> frames) {

    static final String SPRING_WRAPPER = "org.springframework.kafka.listener.ListenerExecutionFailedException";

    /** The message Spring's wrapper carries: it starts with {@code Listener failed; }. */
    String wrapperMessage() {
        return "Listener failed; " + causeClass + ": " + message;
    }

    String stackTrace() {
        String container = "org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer";
        return SPRING_WRAPPER + ": " + wrapperMessage() + "\n"
                + "\tat " + container + ".decorateException(KafkaMessageListenerContainer.java:3011)\n"
                + "\tat " + container + ".doInvokeOnMessage(KafkaMessageListenerContainer.java:2925)\n"
                + "\tat " + container + ".invokeOnMessage(KafkaMessageListenerContainer.java:2872)\n"
                + "Caused by: " + causeClass + ": " + message + "\n"
                + frames.stream().map(frame -> "\tat " + frame).collect(Collectors.joining("\n"))
                + "\n\t... 14 more\n";
    }

    /** The varied ways each service of the shop fails, as an operator sees them in a real dead-letter topic. */
    static ListenerFailure forService(String group, RandomGenerator random) {
        int n = random.nextInt(3);
        return switch (group) {
            case ShopTopology.PAYMENT_SERVICE -> switch (n) {
                case 0 -> new ListenerFailure("com.acme.payments.gateway.PaymentGatewayTimeoutException",
                        "Payment gateway did not answer within 3000 ms (provider=adyen, attempt=%d)"
                                .formatted(random.nextInt(1, 4)),
                        List.of("com.acme.payments.gateway.AdyenClient.authorize(AdyenClient.java:212)",
                                "com.acme.payments.PaymentListener.onOrderPlaced(PaymentListener.java:57)"));
                case 1 -> new ListenerFailure("com.fasterxml.jackson.databind.exc.InvalidFormatException",
                        "Cannot deserialize value of type `java.math.BigDecimal` from String \"%d,%02d\": not a valid representation"
                                .formatted(random.nextInt(5, 500), random.nextInt(100)),
                        List.of("com.fasterxml.jackson.databind.DeserializationContext.weirdStringException(DeserializationContext.java:1991)",
                                "com.acme.payments.PaymentListener.onOrderPlaced(PaymentListener.java:49)"));
                default -> new ListenerFailure("java.lang.IllegalStateException",
                        "Currency CHF is not enabled for merchant account shop-eu-%d".formatted(random.nextInt(1, 4)),
                        List.of("com.acme.payments.MerchantAccounts.require(MerchantAccounts.java:88)",
                                "com.acme.payments.PaymentListener.onOrderPlaced(PaymentListener.java:53)"));
            };
            case ShopTopology.INVENTORY_SERVICE -> switch (n) {
                case 0 -> new ListenerFailure("com.acme.inventory.OutOfStockException",
                        "SKU-%d has 0 units available, %d requested".formatted(random.nextInt(1000, 7000),
                                random.nextInt(1, 4)),
                        List.of("com.acme.inventory.StockLedger.reserve(StockLedger.java:131)",
                                "com.acme.inventory.ReservationListener.onPayment(ReservationListener.java:40)"));
                case 1 -> new ListenerFailure("org.springframework.dao.DataIntegrityViolationException",
                        "could not execute statement [duplicate key value violates unique constraint "
                                + "\"stock_reservation_order_uk\"] [insert into stock_reservation values (?,?,?)]",
                        List.of("org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException(HibernateJpaDialect.java:290)",
                                "com.acme.inventory.ReservationListener.onPayment(ReservationListener.java:44)"));
                default -> new ListenerFailure("java.lang.NullPointerException",
                        "Cannot invoke \"String.length()\" because \"sku\" is null",
                        List.of("com.acme.inventory.SkuNormalizer.normalize(SkuNormalizer.java:19)",
                                "com.acme.inventory.ReservationListener.onPayment(ReservationListener.java:37)"));
            };
            case ShopTopology.SHIPPING_SERVICE -> n == 0
                    ? new ListenerFailure("com.acme.shipping.AddressValidationException",
                            "Postal code %d is not valid for country DE".formatted(random.nextInt(100, 9999)),
                            List.of("com.acme.shipping.AddressValidator.validate(AddressValidator.java:73)",
                                    "com.acme.shipping.ShipmentListener.onStockReserved(ShipmentListener.java:31)"))
                    : new ListenerFailure("org.springframework.web.client.ResourceAccessException",
                            "I/O error on POST request for \"http://carrier-gateway:8080/labels\": Connection refused",
                            List.of("org.springframework.web.client.RestTemplate.createResourceAccessException(RestTemplate.java:915)",
                                    "com.acme.shipping.CarrierClient.createLabel(CarrierClient.java:58)"));
            default -> new ListenerFailure("jakarta.mail.MessagingException",
                    "Could not connect to SMTP host: smtp.internal, port: 587, response: %d"
                            .formatted(random.nextBoolean() ? 421 : -1),
                    List.of("org.eclipse.angus.mail.smtp.SMTPTransport.openServer(SMTPTransport.java:2258)",
                            "com.acme.notify.MailSender.send(MailSender.java:64)"));
        };
    }
}
