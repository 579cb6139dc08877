/**
 * The broker API every view and the replay engine see: connections, clusters and topics as records, results as
 * {@link java.util.concurrent.CompletionStage}s. Connectors implement it; nothing here knows a broker client.
 */
package dev.flowdeck.core.broker;
