package dev.flowdeck.cli;

import dev.flowdeck.core.profile.SecretStore;
import dev.flowdeck.profiles.EncryptedFileSecretStore;
import dev.flowdeck.profiles.KeyringSecretStore;
import dev.flowdeck.profiles.SessionSecretStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** Finds a profile's secrets the way the app keeps them: the OS keychain, else the master-password file. */
final class SecretStores {

    private SecretStores() {
    }

    /**
     * The keychain when one answers; else, where the app saved secrets to a file encrypted with a master password
     * and someone is at the terminal, that file opened with the password they type; else an empty store.
     *
     * @throws CommandFailure when the master password does not open the file
     */
    static SecretStore forCommandLine(Path configDirectory, PasswordPrompt prompt) {
        Optional<KeyringSecretStore> keychain = KeyringSecretStore.probe();
        if (keychain.isPresent()) {
            return keychain.get();
        }
        if (EncryptedFileSecretStore.existsIn(configDirectory)) {
            Optional<char[]> master = prompt.ask("Master password for Flowdeck's secrets file: ");
            if (master.isPresent()) {
                try {
                    return EncryptedFileSecretStore.open(configDirectory, master.get());
                } catch (EncryptedFileSecretStore.WrongMasterPasswordException e) {
                    throw new CommandFailure(ExitCodes.BROKER, "That master password does not open the secrets "
                            + "file in " + configDirectory + ".", e);
                } finally {
                    Arrays.fill(master.get(), '\0');
                }
            }
        }
        return new SessionSecretStore();
    }
}
