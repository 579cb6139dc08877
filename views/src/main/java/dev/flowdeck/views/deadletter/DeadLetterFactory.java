package dev.flowdeck.views.deadletter;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.ConnectionProfile;

/** Makes a cluster's dead-letter inbox with the executors the app owns. */
@FunctionalInterface
public interface DeadLetterFactory {

    /** @param profile the cluster's profile: its properties carry marked destinations and header mappings */
    DeadLetterInboxViewModel create(BrokerConnection connection, ConnectionProfile profile);
}
