package dev.flowdeck.views.replay;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.ConnectionProfile;

/** Makes a cluster's replay service: the engine wired to its connection, the replays directory and the audit log. */
@FunctionalInterface
public interface ReplayFactory {

    ReplayService create(BrokerConnection connection, ConnectionProfile profile);
}
