package dev.flowdeck.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Decode as" saved into the stored profile: its one property, secrets left where they are. */
class ClusterSchemasTest {

    /** The real repository in a temporary config directory, behind the catalog interface the app gives. */
    private static class Catalog implements ProfileCatalog {
        private final ProfileRepository repository;

        Catalog(ProfileRepository repository) {
            this.repository = repository;
        }

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
    void twoChoicesMadeAtOnceAreBothSaved(@TempDir Path config) {
        var repository = new ProfileRepository(config, new SessionSecretStore());
        var saved = repository.save(ConnectionProfile.kafka("payments-prod", "kafka:9092"), Map.of());
        // The app's catalog answers later, on another thread: here each read waits until the test lets it go.
        var reads = new java.util.ArrayDeque<CompletableFuture<List<ConnectionProfile>>>();
        var slow = new Catalog(repository) {
            @Override
            public CompletionStage<List<ConnectionProfile>> list() {
                var read = new CompletableFuture<List<ConnectionProfile>>();
                reads.add(read);
                return read;
            }
        };
        var store = ClusterSchemas.savedIn(slow, saved.id());

        var format = store.save(SchemaSettings.TOPIC_FORMAT + "payments", "avro").toCompletableFuture();
        var descriptors = store.save(SchemaSettings.PROTOBUF_DESCRIPTORS, "/tmp/shop.desc").toCompletableFuture();
        while (!descriptors.isDone()) {
            assertThat(reads).as("one save reads the profile at a time").hasSizeLessThanOrEqualTo(1);
            reads.remove().complete(repository.list());
        }

        assertThat(format).isDone();
        assertThat(repository.list().getFirst().clientProperties())
                .containsEntry(SchemaSettings.TOPIC_FORMAT + "payments", "avro")
                .containsEntry(SchemaSettings.PROTOBUF_DESCRIPTORS, "/tmp/shop.desc");
    }

    @Test
    void aConnectionsSchemasAreFoundByTheConnectionAndNoneForAnother() {
        var schemas = new ClusterSchemas();
        var kafka = connection();
        var other = connection();
        var installed = new java.util.ArrayList<Object>();
        schemas.register(kafka, ConnectionProfile.kafka("p", "k:1"), (connection, decoder) -> installed.add(connection),
                ProfileSchemas.FormatStore.SESSION_ONLY);

        assertThat(schemas.of(kafka)).isInstanceOf(ProfileSchemas.class);
        assertThat(installed).as("the decoder handed to its connection").containsExactly(kafka);
        assertThat(schemas.of(other)).isSameAs(SchemaAccess.NONE);
    }

    @Test
    void aConnectionDroppedLeavesWithItsSchemas() {
        var schemas = new ClusterSchemas();
        schemas.register(connection(), ConnectionProfile.kafka("p", "k:1"), (connection, decoder) -> { },
                ProfileSchemas.FormatStore.SESSION_ONLY);
        assertThat(schemas.size()).isEqualTo(1);

        // Nothing else holds the connection: its schemas must not hold it either, or every reconnect would leak one.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            System.gc();
            assertThat(schemas.size()).isZero();
        });
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
