package dev.flowdeck.core.broker;

/**
 * Something messages live in or pass through: a Kafka topic, a RabbitMQ queue or exchange. The records say what
 * each really is; code that treats them alike uses only this interface.
 */
public sealed interface Destination permits TopicSummary, QueueSummary, ExchangeSummary {

    /** The name, unique within its namespace (a RabbitMQ vhost; Kafka has one namespace). */
    String name();

    /** The namespace: a RabbitMQ vhost, or the empty string for Kafka. */
    String namespace();

    /** Messages held now; zero for what holds none (an exchange). */
    long messageCount();
}
