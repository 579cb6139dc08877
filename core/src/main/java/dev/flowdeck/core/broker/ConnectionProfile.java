package dev.flowdeck.core.broker;

import dev.flowdeck.core.mask.MaskingSettings;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A cluster the operator can open: a name to show, where to reach it, as whom, and what Flowdeck may do there.
 * It holds no secret: passwords and secret client properties live in the OS keychain, keyed by {@link #id}.
 *
 * @param id               stable identity across renames; the keychain entries hang off it
 * @param name             what the navigation tree calls it
 * @param kind             which broker it is
 * @param address          Kafka: the bootstrap list {@code host:port[,...]}; RabbitMQ: {@code amqp[s]://host:port/vhost}
 * @param username         who to be (SASL or AMQP user); empty for none
 * @param readOnly         the connector refuses every write (publish, offset reset, replay), whatever the UI asks
 * @param production       a production cluster: shown with a warning colour band, and read-only by default
 * @param sandbox          the embedded sandbox cluster the app starts itself
 * @param clientProperties client settings passed as they are (Kafka's {@code security.protocol}, RabbitMQ's
 *                         {@code management.url}, ...); secret ones are blanked here and kept in the keychain
 * @param masking          what is masked in messages shown, copied or exported under this profile, and whether its
 *                         operator may reveal a masked field (logged); {@link MaskingSettings#NONE} for none
 */
public record ConnectionProfile(
        String id, String name, BrokerKind kind, String address, String username, boolean readOnly,
        boolean production, boolean sandbox, Map<String, String> clientProperties, MaskingSettings masking) {

    public ConnectionProfile {
        masking = masking == null ? MaskingSettings.NONE : masking;
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(username, "username");
        clientProperties = Map.copyOf(clientProperties);
        if (name.isBlank()) {
            throw new IllegalArgumentException("a connection profile needs a name");
        }
    }

    /** A profile without masking rules: what every profile was before masking existed. */
    public ConnectionProfile(String id, String name, BrokerKind kind, String address, String username,
                             boolean readOnly, boolean production, boolean sandbox,
                             Map<String, String> clientProperties) {
        this(id, name, kind, address, username, readOnly, production, sandbox, clientProperties,
                MaskingSettings.NONE);
    }

    /** A writable Kafka profile with default client settings. */
    public static ConnectionProfile kafka(String name, String bootstrapServers) {
        return new ConnectionProfile(newId(), name, BrokerKind.KAFKA, bootstrapServers, "", false, false, false,
                Map.of());
    }

    /** A writable RabbitMQ profile; the management API defaults to the AMQP host's port 15672. */
    public static ConnectionProfile rabbitMq(String name, String amqpUri) {
        return new ConnectionProfile(newId(), name, BrokerKind.RABBITMQ, amqpUri, "", false, false, false, Map.of());
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public ConnectionProfile asReadOnly() {
        return new ConnectionProfile(id, name, kind, address, username, true, production, sandbox,
                clientProperties, masking);
    }

    public ConnectionProfile asSandbox() {
        return new ConnectionProfile(id, name, kind, address, username, readOnly, production, true,
                clientProperties, masking);
    }

    public ConnectionProfile withProperties(Map<String, String> properties) {
        return new ConnectionProfile(id, name, kind, address, username, readOnly, production, sandbox,
                properties, masking);
    }

    public ConnectionProfile withMasking(MaskingSettings settings) {
        return new ConnectionProfile(id, name, kind, address, username, readOnly, production, sandbox,
                clientProperties, settings);
    }

    public ConnectionProfile withUsername(String user) {
        return new ConnectionProfile(id, name, kind, address, user, readOnly, production, sandbox,
                clientProperties, masking);
    }
}
