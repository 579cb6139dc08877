package dev.flowdeck.views.deadletter;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.views.replay.ReplayService;

/** Makes a cluster's dead-letter inbox with the executors the app owns. */
@FunctionalInterface
public interface DeadLetterFactory {

    /**
     * @param profile the cluster's profile: its properties carry marked destinations and header mappings
     * @param replays the cluster's replay service (the window keeps one per connection)
     */
    DeadLetterInboxViewModel create(BrokerConnection connection, ConnectionProfile profile, ReplayService replays);
}
