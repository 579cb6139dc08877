/**
 * RabbitMQ behind the broker API of {@code dev.flowdeck.core.broker}. Only this package sees the AMQP client and
 * the management API client.
 */
package dev.flowdeck.connectors.rabbitmq;
