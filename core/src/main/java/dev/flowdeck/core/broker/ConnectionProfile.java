package dev.flowdeck.core.broker;

import java.util.Map;
import java.util.Objects;

/**
 * A cluster the operator can open: a name to show, where to reach it, and what Flowdeck may do there.
 *
 * @param name             what the navigation tree calls it
 * @param kind             which broker it is
 * @param address          Kafka: the bootstrap list {@code host:port[,host:port...]}
 * @param readOnly         the connector refuses every write (publish, offset reset, replay), whatever the UI asks
 * @param sandbox          the embedded sandbox cluster the app starts itself
 * @param clientProperties free-form client settings passed to the broker client as they are (no secrets: those
 *                         live in the OS keychain)
 */
public record ConnectionProfile(
        String name, BrokerKind kind, String address, boolean readOnly, boolean sandbox,
        Map<String, String> clientProperties) {

    public ConnectionProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
        clientProperties = Map.copyOf(clientProperties);
        if (name.isBlank()) {
            throw new IllegalArgumentException("a connection profile needs a name");
        }
    }

    /** A writable Kafka profile with default client settings. */
    public static ConnectionProfile kafka(String name, String bootstrapServers) {
        return new ConnectionProfile(name, BrokerKind.KAFKA, bootstrapServers, false, false, Map.of());
    }

    public ConnectionProfile asReadOnly() {
        return new ConnectionProfile(name, kind, address, true, sandbox, clientProperties);
    }

    public ConnectionProfile asSandbox() {
        return new ConnectionProfile(name, kind, address, readOnly, true, clientProperties);
    }
}
