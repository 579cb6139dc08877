package dev.flowdeck.views.browser;

import dev.flowdeck.core.broker.BrokerConnection;

/** Makes a destination's browser view model with the executors the app owns. */
@FunctionalInterface
public interface BrowserFactory {

    /**
     * @param seekable whether a message of the destination can be read again by its offset (Kafka, streams)
     */
    BrowserViewModel create(BrokerConnection connection, String destination, boolean seekable);
}
