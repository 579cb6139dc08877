package dev.flowdeck.app;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.decode.SchemaAccess;
import dev.flowdeck.core.decode.ValueWriter;
import dev.flowdeck.core.profile.ProfileCatalog;
import dev.flowdeck.schemas.ProfileSchemas;
import dev.flowdeck.schemas.SchemaDecoder;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Each open Kafka connection's schemas ({@link ProfileSchemas}: its decoder, "Decode as", versions, encoding), found
 * by the connection the views hold. Made where the connection is opened, with the resolved profile; a connection
 * closed and dropped leaves with its entry.
 */
final class ClusterSchemas {

    private final Map<BrokerConnection, ProfileSchemas> byConnection =
            Collections.synchronizedMap(new WeakHashMap<>());

    void register(BrokerConnection connection, ProfileSchemas schemas) {
        byConnection.put(connection, schemas);
    }

    /** What a browser of this connection may ask of its schemas; none for RabbitMQ. */
    SchemaAccess of(BrokerConnection connection) {
        SchemaAccess found = byConnection.get(connection);
        return found == null ? SchemaAccess.NONE : found;
    }

    /**
     * What writes a replay's edited values back: the connection's own decoder (it has the registry password, read
     * from the keychain when the connection opened), else one from the profile.
     */
    ValueWriter writerFor(BrokerConnection connection, ConnectionProfile profile) {
        ProfileSchemas found = byConnection.get(connection);
        if (found != null && found.hasRegistry()) {
            return found.schemaDecoder();
        }
        return SchemaDecoder.writerFor(profile);
    }

    /**
     * Saves one {@code flowdeck.schema.*} property (a topic's format, the descriptor set) in the saved profile
     * {@code profileId}: read again from the catalog (so no secret of the resolved profile is written back), that
     * property set or removed, saved with its secrets kept.
     */
    static ProfileSchemas.FormatStore savedIn(ProfileCatalog catalog, String profileId) {
        return (property, value) -> catalog.list().thenCompose(all -> {
            ConnectionProfile stored = all.stream().filter(profile -> profile.id().equals(profileId)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the profile is no longer among the saved ones"));
            Map<String, String> properties = new HashMap<>(stored.clientProperties());
            if (value == null) {
                properties.remove(property);
            } else {
                properties.put(property, value);
            }
            return catalog.save(stored.withProperties(properties), Map.of());
        }).thenApply(saved -> null);
    }
}
