package dev.flowdeck.core.broker;

/** Which broker a connection talks to. */
public enum BrokerKind {
    KAFKA,
    RABBITMQ
}
