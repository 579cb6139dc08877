package dev.flowdeck.core.broker;

import java.util.Objects;

/**
 * A cluster the operator can open: a name to show and where to reach it.
 *
 * @param name             what the navigation tree calls it
 * @param bootstrapServers the Kafka bootstrap list, {@code host:port[,host:port...]}
 * @param sandbox          true for the embedded sandbox cluster the app starts itself
 */
public record ConnectionProfile(String name, String bootstrapServers, boolean sandbox) {

    public ConnectionProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a connection profile needs a name");
        }
    }
}
