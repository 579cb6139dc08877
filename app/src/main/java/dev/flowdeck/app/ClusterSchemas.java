package dev.flowdeck.app;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.decode.SchemaAccess;
import dev.flowdeck.core.decode.ValueDecoder;
import dev.flowdeck.core.decode.ValueWriter;
import dev.flowdeck.core.profile.ProfileCatalog;
import dev.flowdeck.schemas.ProfileSchemas;
import dev.flowdeck.schemas.SchemaDecoder;
import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.WeakHashMap;
import java.util.function.BiConsumer;

/**
 * Each open Kafka connection's schemas ({@link ProfileSchemas}: its decoder, "Decode as", versions, encoding), found
 * by the connection the views hold. Made where the connection is opened, with the resolved profile; a connection
 * closed and dropped leaves with its entry.
 */
final class ClusterSchemas {

    private final Map<BrokerConnection, ProfileSchemas> byConnection =
            Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * Makes the schemas of a connection just opened; {@code install} hands it their decoder (again when "Decode as"
     * changes it). The decoder reaches the connection only through a weak reference: the map holds its values
     * strongly, and a value that held its own key would keep every closed connection.
     */
    <C extends BrokerConnection> void register(C connection, ConnectionProfile profile,
                                               BiConsumer<C, ValueDecoder> install, ProfileSchemas.FormatStore store) {
        var weakly = new WeakReference<>(connection);
        byConnection.put(connection, new ProfileSchemas(profile, decoder -> {
            C open = weakly.get();
            if (open != null) {
                install.accept(open, decoder);
            }
        }, store));
    }

    /** Connections with schemas still known: they leave once closed and dropped. */
    int size() {
        return byConnection.size();
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
     * property set or removed, saved with its secrets kept. One save at a time: two quick choices (a format, then a
     * descriptor set) each read the profile, and the second would otherwise write back the profile without the first.
     */
    static ProfileSchemas.FormatStore savedIn(ProfileCatalog catalog, String profileId) {
        return new ProfileSchemas.FormatStore() {
            private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

            @Override
            public synchronized CompletionStage<Void> save(String property, String value) {
                last = last.handle((done, failed) -> null) // a save that failed said so; the next one still runs
                        .thenCompose(ignored -> saveNow(catalog, profileId, property, value));
                return last;
            }
        };
    }

    private static CompletableFuture<Void> saveNow(ProfileCatalog catalog, String profileId, String property,
                                                   String value) {
        return catalog.list().thenCompose(all -> {
            ConnectionProfile stored = all.stream().filter(profile -> profile.id().equals(profileId)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the profile is no longer among the saved ones"));
            Map<String, String> properties = new HashMap<>(stored.clientProperties());
            if (value == null) {
                properties.remove(property);
            } else {
                properties.put(property, value);
            }
            return catalog.save(stored.withProperties(properties), Map.of());
        }).thenApply(saved -> (Void) null).toCompletableFuture();
    }
}
