/**
 * Kafka behind the broker API of {@code dev.flowdeck.core.broker}. Only this package sees kafka-clients.
 */
package dev.flowdeck.connectors.kafka;
