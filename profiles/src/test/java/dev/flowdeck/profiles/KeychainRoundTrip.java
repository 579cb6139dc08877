package dev.flowdeck.profiles;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.profile.SecretProperties;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run by {@link KeyringSecretStoreIT} inside a private D-Bus session with an unlocked GNOME Keyring: saves a
 * profile whose password goes to the Secret Service, reads it back through a fresh repository, deletes it, and
 * prints what happened. Arguments: config directory, password.
 */
public final class KeychainRoundTrip {

    private KeychainRoundTrip() {
    }

    public static void main(String[] args) {
        Path configDir = Path.of(args[0]);
        try (var keyring = KeyringSecretStore.probe().orElseThrow(() -> new IllegalStateException("no keychain"));
             var second = KeyringSecretStore.probe().orElseThrow()) {
            System.out.println("STORE " + keyring.description());
            var saved = new ProfileRepository(configDir, keyring).save(
                    ConnectionProfile.kafka("keychain", "k:9092").withUsername("ops"), Map.of("password", args[1]));
            var again = new ProfileRepository(configDir, second);
            System.out.println("READ " + again.resolve(again.list().getFirst()).credentials().password());
            again.delete(saved.id());
            System.out.println("AFTER DELETE " + keyring.read(SecretProperties.key(saved.id(), "password"))
                    .orElse("(gone)"));
        }
        System.exit(0); // the D-Bus library leaves non-daemon threads behind
    }
}
