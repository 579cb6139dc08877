package dev.flowdeck.profiles;

import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import dev.flowdeck.core.profile.SecretStore;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets in the OS keychain through java-keyring: macOS Keychain, Windows Credential Manager, the Linux Secret
 * Service (GNOME Keyring, KWallet). Each secret is one entry of the service "Flowdeck".
 */
public final class KeyringSecretStore implements SecretStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeyringSecretStore.class);
    static final String SERVICE = "Flowdeck";

    private final Keyring keyring;

    private KeyringSecretStore(Keyring keyring) {
        this.keyring = keyring;
    }

    /**
     * The OS keychain, if one answers: a probe entry is written, read back and deleted. Bounded in time, since a
     * Secret Service can hang waiting for an unlock prompt nobody sees.
     */
    public static Optional<KeyringSecretStore> probe() {
        try {
            return CompletableFuture.supplyAsync(KeyringSecretStore::tryOpen).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.info("No OS keychain answered: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<KeyringSecretStore> tryOpen() {
        try {
            Keyring keyring = Keyring.create();
            String probe = "probe-" + UUID.randomUUID();
            keyring.setPassword(SERVICE, probe, probe);
            boolean works = probe.equals(keyring.getPassword(SERVICE, probe));
            keyring.deletePassword(SERVICE, probe);
            if (!works) {
                keyring.close();
                return Optional.empty();
            }
            return Optional.of(new KeyringSecretStore(keyring));
        } catch (Exception e) {
            LOG.info("No usable OS keychain: {}", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> read(String key) {
        try {
            return Optional.ofNullable(keyring.getPassword(SERVICE, key));
        } catch (PasswordAccessException notThere) {
            return Optional.empty();
        }
    }

    @Override
    public void write(String key, String secret) {
        try {
            keyring.setPassword(SERVICE, key, secret);
        } catch (PasswordAccessException e) {
            throw new IllegalStateException("The OS keychain refused to store a secret: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            keyring.deletePassword(SERVICE, key);
        } catch (PasswordAccessException notThere) {
            // already gone: what delete wanted
        }
    }

    @Override
    public String description() {
        return "the OS keychain (" + keyring.getKeyringStorageType() + ")";
    }

    @Override
    public boolean persistent() {
        return true;
    }

    /** Releases the keychain's connection (on Linux a D-Bus connection with threads of its own). */
    @Override
    public void close() {
        try {
            keyring.close();
        } catch (Exception e) {
            LOG.debug("Closing the keychain: {}", e.getMessage());
        }
    }
}
