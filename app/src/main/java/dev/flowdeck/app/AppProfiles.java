package dev.flowdeck.app;

import dev.flowdeck.core.broker.ClusterOverview;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.mask.HashKey;
import dev.flowdeck.core.profile.ProfileCatalog;
import dev.flowdeck.core.profile.SecretStore;
import dev.flowdeck.profiles.ConfigDirectory;
import dev.flowdeck.profiles.EncryptedFileSecretStore;
import dev.flowdeck.profiles.KeyringSecretStore;
import dev.flowdeck.profiles.ProfileRepository;
import dev.flowdeck.profiles.SessionSecretStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The saved profiles behind the views' {@link ProfileCatalog}: the repository in the config directory, its
 * secrets in the OS keychain when one answers, else in memory for the session. Every call runs on broker I/O.
 */
final class AppProfiles implements ProfileCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(AppProfiles.class);

    private final Executor io;
    private final Path configDir;
    private final ProfileRepository repository;

    private AppProfiles(Executor io, Path configDir, ProfileRepository repository) {
        this.io = io;
        this.configDir = configDir;
        this.repository = repository;
    }

    /** Blocks while the keychain is probed (up to a few seconds): call off the FX thread. */
    static AppProfiles open(Executor io) {
        Path configDir = ConfigDirectory.forThisMachine();
        SecretStore secrets = KeyringSecretStore.probe().<SecretStore>map(store -> store)
                .orElseGet(SessionSecretStore::new);
        LOG.info("Profiles in {}; secrets in {}", configDir, secrets.description());
        return new AppProfiles(io, configDir, new ProfileRepository(configDir, secrets));
    }

    /** No keychain, but a secrets file from an earlier session: the operator's master password opens it. */
    boolean hasLockedSecretsFile() {
        return !secretsPersist() && EncryptedFileSecretStore.existsIn(configDir);
    }

    @Override
    public CompletionStage<List<ConnectionProfile>> list() {
        return run(ignored -> repository.list());
    }

    @Override
    public CompletionStage<ConnectionProfile> save(ConnectionProfile profile, Map<String, String> newSecrets) {
        return run(ignored -> repository.save(profile, newSecrets));
    }

    @Override
    public CompletionStage<Void> delete(String profileId) {
        return run(ignored -> {
            repository.delete(profileId);
            return null;
        });
    }

    @Override
    public CompletionStage<ConnectionProfile> duplicate(String profileId) {
        return run(ignored -> repository.duplicate(profileId));
    }

    @Override
    public CompletionStage<ClusterOverview> test(ConnectionProfile profile, Map<String, String> typed) {
        return run(ignored -> resolve(profile, typed)).thenCompose(resolved -> {
            var opened = Clusters.connect(resolved.profile(), resolved.credentials(), io);
            return opened.connection().describeCluster()
                    .whenComplete((overview, failure) -> opened.connection().close());
        });
    }

    /** The profile with its secrets: those just typed first, the saved ones for the rest. */
    ProfileRepository.Resolved resolve(ConnectionProfile profile, Map<String, String> typed) {
        var saved = repository.resolve(profile);
        Map<String, String> properties = new HashMap<>(saved.profile().clientProperties());
        typed.forEach((name, value) -> {
            if (!name.equals("password")) {
                properties.put(name, value);
            }
        });
        String password = typed.getOrDefault("password", saved.credentials().password());
        return new ProfileRepository.Resolved(saved.profile().withProperties(properties),
                new dev.flowdeck.core.broker.Credentials(profile.username(), password));
    }

    /** The profile's key for hashed fields from the secret store (made there the first time), on broker I/O. */
    CompletionStage<HashKey> maskingKey(ConnectionProfile profile) {
        return run(ignored -> repository.maskingKey(profile));
    }

    @Override
    public String secretsDescription() {
        return repository.secretStore().description();
    }

    @Override
    public boolean secretsPersist() {
        return repository.secretStore().persistent();
    }

    @Override
    public CompletionStage<Void> protectWithMasterPassword(char[] masterPassword) {
        return run(ignored -> {
            var file = EncryptedFileSecretStore.open(configDir, masterPassword);
            Map<String, String> inMemory = repository.secretStore() instanceof SessionSecretStore session
                    ? session.snapshot() : Map.of();
            repository.moveSecretsTo(file, inMemory);
            LOG.info("Secrets now in {}", file.description());
            return null;
        });
    }

    private <T> CompletableFuture<T> run(Function<Void, T> work) {
        return CompletableFuture.supplyAsync(() -> work.apply(null), io);
    }
}
