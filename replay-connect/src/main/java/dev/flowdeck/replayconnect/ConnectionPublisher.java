package dev.flowdeck.replayconnect;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.publish.OutgoingMessage;
import dev.flowdeck.core.publish.PublishReceipt;
import dev.flowdeck.replay.Publisher;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * The replay's publisher: the target connection's confirmed publish. The read-only flag is the profile's, so the
 * runner refuses before sending anything; the connector would refuse each send anyway, this only says it sooner.
 */
public record ConnectionPublisher(ConnectionProfile profile, BrokerConnection connection) implements Publisher {

    public ConnectionPublisher {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(connection, "connection");
    }

    @Override
    public String cluster() {
        return profile.name();
    }

    @Override
    public boolean readOnly() {
        return profile.readOnly();
    }

    @Override
    public CompletionStage<PublishReceipt> send(OutgoingMessage message) {
        return connection.publish(message);
    }
}
