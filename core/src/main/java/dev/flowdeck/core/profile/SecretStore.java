package dev.flowdeck.core.profile;

import java.util.Optional;

/**
 * Where secrets live: the OS keychain where there is one; otherwise a file encrypted with a master password, or
 * memory for the session. Implementations never write a secret to disk in plain text.
 *
 * <p>Calls may block (a keychain may ask the OS, or the user): not on the FX thread.
 */
public interface SecretStore {

    Optional<String> read(String key);

    void write(String key, String secret);

    void delete(String key);

    /** Where the secrets go, in the operator's words ("the Secret Service keyring"), for the settings screen. */
    String description();

    /** Whether secrets survive a restart of the app. */
    boolean persistent();
}
