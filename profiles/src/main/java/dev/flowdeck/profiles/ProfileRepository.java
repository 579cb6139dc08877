package dev.flowdeck.profiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Credentials;
import dev.flowdeck.core.mask.HashKey;
import dev.flowdeck.core.mask.MaskAction;
import dev.flowdeck.core.mask.MaskRule;
import dev.flowdeck.core.mask.MaskingSettings;
import dev.flowdeck.core.profile.SecretProperties;
import dev.flowdeck.core.profile.SecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The operator's connection profiles: {@code profiles.json} in the config directory for everything but secrets,
 * the {@link SecretStore} for passwords and secret client properties. A profile read back is never more than a
 * profile written: what is secret was blanked before it touched the disk.
 *
 * <p>File I/O and the keychain may block: call from a background thread.
 */
public final class ProfileRepository {

    static final String FILE_NAME = "profiles.json";
    static final String PASSWORD = "password";
    /** The secret store entry of a profile's key for hashed fields. */
    static final String HASH_KEY = "masking/hash-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The file as stored. */
    record StoredProfiles(int format, List<StoredProfile> profiles) {
    }

    /**
     * A profile as stored. {@code masking} is absent from profiles saved before masking existed: read as no rules.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StoredProfile(String id, String name, BrokerKind kind, String address, String username, boolean readOnly,
                         boolean production, Map<String, String> clientProperties, StoredMasking masking) {

        static StoredProfile of(ConnectionProfile profile) {
            return new StoredProfile(profile.id(), profile.name(), profile.kind(), profile.address(),
                    profile.username(), profile.readOnly(), profile.production(),
                    SecretProperties.blanked(profile.clientProperties()), StoredMasking.of(profile.masking()));
        }

        ConnectionProfile toProfile() {
            return new ConnectionProfile(id, name, kind, address, username == null ? "" : username, readOnly,
                    production, false, clientProperties == null ? Map.of() : clientProperties,
                    masking == null ? MaskingSettings.NONE : masking.toSettings());
        }
    }

    /** A profile's masking as stored; null (left out of the file) when it has none. */
    record StoredMasking(List<StoredRule> rules, boolean maskTextPii, boolean mayReveal) {

        static StoredMasking of(MaskingSettings settings) {
            if (settings.equals(MaskingSettings.NONE)) {
                return null;
            }
            return new StoredMasking(settings.rules().stream()
                    .map(rule -> new StoredRule(rule.target(), rule.name(), rule.action())).toList(),
                    settings.maskTextPii(), settings.mayReveal());
        }

        MaskingSettings toSettings() {
            return new MaskingSettings(rules == null ? List.of() : rules.stream()
                    .map(rule -> new MaskRule(rule.target(), rule.name(), rule.action())).toList(),
                    maskTextPii, mayReveal);
        }
    }

    record StoredRule(MaskRule.Target target, String name, MaskAction action) {
    }

    /** A profile ready to connect: secret properties filled in from the store, and its credentials. */
    public record Resolved(ConnectionProfile profile, Credentials credentials) {
    }

    private final Path file;
    private volatile SecretStore secrets;

    public ProfileRepository(Path configDir, SecretStore secrets) {
        this.file = configDir.resolve(FILE_NAME);
        this.secrets = secrets;
    }

    /** Every saved profile, sorted by name. */
    public synchronized List<ConnectionProfile> list() {
        return read().stream().map(StoredProfile::toProfile)
                .sorted(Comparator.comparing(ConnectionProfile::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    /**
     * Saves a new or edited profile. Secret client properties in it are moved to the store; {@code newSecrets}
     * adds or replaces secrets ({@code "password"} or a property name); an empty value deletes one. Secrets not
     * mentioned are kept, so an edit need not retype a password.
     */
    public synchronized ConnectionProfile save(ConnectionProfile profile, Map<String, String> newSecrets) {
        Map<String, String> toStore = new HashMap<>(SecretProperties.secrets(profile.clientProperties()));
        toStore.putAll(newSecrets);
        toStore.forEach((name, value) -> {
            String key = secretKey(profile.id(), name);
            if (value.isEmpty()) {
                secrets.delete(key);
            } else {
                secrets.write(key, value);
            }
        });
        Map<String, String> properties = new HashMap<>(SecretProperties.blanked(profile.clientProperties()));
        newSecrets.keySet().stream().filter(name -> !name.equals(PASSWORD))
                .forEach(name -> properties.put(name, SecretProperties.IN_KEYCHAIN));
        ConnectionProfile saved = profile.withProperties(properties);
        List<StoredProfile> all = new ArrayList<>(read());
        all.removeIf(stored -> stored.id().equals(profile.id()));
        all.add(StoredProfile.of(saved));
        write(all);
        return saved;
    }

    /** Removes a profile and every secret it had. */
    public synchronized void delete(String id) {
        ConnectionProfile profile = find(id);
        secrets.delete(secretKey(id, PASSWORD));
        secrets.delete(SecretProperties.key(id, HASH_KEY));
        profile.clientProperties().keySet().forEach(name -> secrets.delete(secretKey(id, name)));
        List<StoredProfile> all = new ArrayList<>(read());
        all.removeIf(stored -> stored.id().equals(id));
        write(all);
    }

    /** A copy under a new id and the name "… (copy)", secrets included. */
    public synchronized ConnectionProfile duplicate(String id) {
        ConnectionProfile original = find(id);
        Map<String, String> copied = new HashMap<>();
        secrets.read(secretKey(id, PASSWORD)).ifPresent(password -> copied.put(PASSWORD, password));
        original.clientProperties().forEach((name, value) -> {
            if (SecretProperties.IN_KEYCHAIN.equals(value)) {
                secrets.read(secretKey(id, name)).ifPresent(secret -> copied.put(name, secret));
            }
        });
        var copy = new ConnectionProfile(ConnectionProfile.newId(), original.name() + " (copy)", original.kind(),
                original.address(), original.username(), original.readOnly(), original.production(), false,
                original.clientProperties(), original.masking());
        return save(copy, copied); // a new key for its hashes: the copy is another profile
    }

    /** The profile with its secrets, for a connector; kept in memory only. */
    public Resolved resolve(ConnectionProfile profile) {
        Map<String, String> properties = new HashMap<>(profile.clientProperties());
        profile.clientProperties().forEach((name, value) -> {
            if (SecretProperties.IN_KEYCHAIN.equals(value)) {
                secrets.read(secretKey(profile.id(), name)).ifPresentOrElse(
                        secret -> properties.put(name, secret), () -> properties.remove(name));
            }
        });
        String password = secrets.read(secretKey(profile.id(), PASSWORD)).orElse("");
        return new Resolved(profile.withProperties(properties), new Credentials(profile.username(), password));
    }

    /**
     * The profile's key for hashed fields, made and kept in the secret store the first time it is asked for: the
     * desktop and the command line then hash alike, across sessions where the store persists (a memory-only store
     * keeps it for the session). Never in {@code profiles.json}.
     */
    public synchronized HashKey maskingKey(ConnectionProfile profile) {
        String key = SecretProperties.key(profile.id(), HASH_KEY);
        return secrets.read(key).map(HashKey::fromText).orElseGet(() -> {
            HashKey made = HashKey.random();
            secrets.write(key, made.text());
            return made;
        });
    }

    public String secretsDescription() {
        return secrets.description();
    }

    public SecretStore secretStore() {
        return secrets;
    }

    /** From now on secrets go to {@code store}; those in the current store are copied there first. */
    public synchronized void moveSecretsTo(SecretStore store, java.util.Map<String, String> current) {
        current.forEach(store::write);
        secrets = store;
    }

    private ConnectionProfile find(String id) {
        return list().stream().filter(profile -> profile.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("No profile with id " + id));
    }

    private static String secretKey(String profileId, String name) {
        return SecretProperties.key(profileId, name.equals(PASSWORD) ? PASSWORD : "property/" + name);
    }

    private List<StoredProfile> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            StoredProfiles stored = JSON.readValue(file.toFile(), StoredProfiles.class);
            return stored.profiles() == null ? List.of() : stored.profiles();
        } catch (IOException e) {
            throw new UncheckedIOException("The profiles file " + file + " cannot be read: " + e.getMessage()
                    + ". Fix or move it; Flowdeck will not overwrite it.", e);
        }
    }

    private void write(List<StoredProfile> profiles) {
        try {
            PrivateFiles.write(file, JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(new StoredProfiles(1, profiles)));
        } catch (IOException e) {
            throw new UncheckedIOException("The profiles file " + file + " cannot be written: " + e.getMessage(), e);
        }
    }
}
