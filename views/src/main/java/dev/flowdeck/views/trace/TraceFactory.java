package dev.flowdeck.views.trace;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.ConnectionProfile;

/** Makes a cluster's trace view model with the executors the app owns. */
@FunctionalInterface
public interface TraceFactory {

    /**
     * @param profile the cluster's profile: its properties carry the correlation keys and the trace URL template
     */
    TraceViewModel create(BrokerConnection connection, ConnectionProfile profile);
}
