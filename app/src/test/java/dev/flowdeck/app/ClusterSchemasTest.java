package dev.flowdeck.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.broker.ClusterOverview;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.decode.SchemaAccess;
import dev.flowdeck.core.profile.ProfileCatalog;
import dev.flowdeck.profiles.ProfileRepository;
import dev.flowdeck.profiles.SessionSecretStore;
import dev.flowdeck.schemas.ProfileSchemas;
import dev.flowdeck.schemas.SchemaSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Decode as" saved into the stored profile: its one property, secrets left where they are. */
class ClusterSchemasTest {

    /** The real repository in a temporary config directory, behind the catalog interface the app gives. */
    private record Catalog(ProfileRepository repository) implements ProfileCatalog {
        @Override
        public CompletionStage<List<ConnectionProfile>> list() {
            return CompletableFuture.completedFuture(repository.list());
        }

        @Override
        public CompletionStage<ConnectionProfile> save(ConnectionProfile profile, Map<String, String> secrets) {
            return CompletableFuture.completedFuture(repository.save(profile, secrets));
        }

        @Override
        public CompletionStage<Void> delete(String profileId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<ConnectionProfile> duplicate(String profileId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<ClusterOverview> test(ConnectionProfile profile, Map<String, String> secrets) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String secretsDescription() {
            return "memory";
        }

        @Override
        public boolean secretsPersist() {
            return false;
        }

        @Override
        public CompletionStage<Void> protectWithMasterPassword(char[] masterPassword) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aSchemaPropertyIsSavedIntoTheStoredProfileAndNullRemovesItSecretsStayInTheStore(@TempDir Path config)
            throws Exception {
        var repository = new ProfileRepository(config, new SessionSecretStore());
        var saved = repository.save(ConnectionProfile.kafka("payments-prod", "kafka:9092").withProperties(Map.of(
                SchemaSettings.REGISTRY_URL, "http://registry:8081",
                SchemaSettings.REGISTRY_USERNAME, "reader",
                SchemaSettings.REGISTRY_PASSWORD, "s3cret")), Map.of());
        var store = ClusterSchemas.savedIn(new Catalog(repository), saved.id());

        store.save(SchemaSettings.TOPIC_FORMAT + "payments", "protobuf:shop.Payment").toCompletableFuture().join();

        ConnectionProfile after = repository.list().getFirst();
        assertThat(after.clientProperties()).containsEntry(SchemaSettings.TOPIC_FORMAT + "payments",
                "protobuf:shop.Payment").containsEntry(SchemaSettings.REGISTRY_URL, "http://registry:8081");
        assertThat(repository.resolve(after).profile().clientProperties())
                .containsEntry(SchemaSettings.REGISTRY_PASSWORD, "s3cret");
        assertThat(Files.readString(config.resolve("profiles.json"))).doesNotContain("s3cret");

        store.save(SchemaSettings.TOPIC_FORMAT + "payments", null).toCompletableFuture().join();
        assertThat(repository.list().getFirst().clientProperties())
                .doesNotContainKey(SchemaSettings.TOPIC_FORMAT + "payments");
        assertThatThrownBy(() -> ClusterSchemas.savedIn(new Catalog(repository), "gone").save(SchemaSettings.TOPIC_FORMAT + "t", "text")
                .toCompletableFuture().join()).hasMessageContaining("no longer among the saved ones");
    }

    @Test
    void aConnectionsSchemasAreFoundByTheConnectionAndNoneForAnother() {
        var schemas = new ClusterSchemas();
        var kafka = connection();
        var other = connection();
        var profileSchemas = new ProfileSchemas(ConnectionProfile.kafka("p", "k:1"), decoder -> { },
                ProfileSchemas.FormatStore.SESSION_ONLY);
        schemas.register(kafka, profileSchemas);

        assertThat(schemas.of(kafka)).isSameAs(profileSchemas);
        assertThat(schemas.of(other)).isSameAs(SchemaAccess.NONE);
    }

    /** A connection never called: only its identity matters here (the core test-jar is not on the app's path). */
    private static dev.flowdeck.core.broker.BrokerConnection connection() {
        return (dev.flowdeck.core.broker.BrokerConnection) java.lang.reflect.Proxy.newProxyInstance(
                ClusterSchemasTest.class.getClassLoader(),
                new Class<?>[] {dev.flowdeck.core.broker.BrokerConnection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("hashCode")) {
                        return System.identityHashCode(proxy);
                    }
                    if (method.getName().equals("equals")) {
                        return proxy == args[0];
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
