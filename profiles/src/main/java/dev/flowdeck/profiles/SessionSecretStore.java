package dev.flowdeck.profiles;

import dev.flowdeck.core.profile.SecretStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Secrets kept in memory until the app exits: where there is no keychain and no master password was chosen. */
public final class SessionSecretStore implements SecretStore {

    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    @Override
    public Optional<String> read(String key) {
        return Optional.ofNullable(secrets.get(key));
    }

    @Override
    public void write(String key, String secret) {
        secrets.put(key, secret);
    }

    @Override
    public void delete(String key) {
        secrets.remove(key);
    }

    @Override
    public String description() {
        return "memory only: passwords are asked again after a restart";
    }

    @Override
    public boolean persistent() {
        return false;
    }

    /** Everything held, for moving to a persistent store. */
    public Map<String, String> snapshot() {
        return Map.copyOf(secrets);
    }
}
