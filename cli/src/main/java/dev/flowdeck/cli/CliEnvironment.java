package dev.flowdeck.cli;

import dev.flowdeck.core.profile.SecretStore;
import dev.flowdeck.profiles.ConfigDirectory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a command takes from the machine it runs on, handed in so that tests run the real commands in-process with
 * captured streams and no terminal.
 *
 * @param out             where messages go (unless --out names a file)
 * @param err             notes, progress and the one-line failure
 * @param environment     the environment variables ({@code FLOWDECK_PASSWORD}, {@code COLUMNS})
 * @param prompt          asks for a password when nothing else gives one
 * @param confirm         asks the operator to confirm a change to a cluster (a replay); none without a terminal
 * @param errIsTerminal   whether stderr is a terminal: progress is shown only then, so scripts read clean streams
 * @param configDirectory where saved profiles live ({@code -Dflowdeck.config.dir} overrides the per-OS one)
 * @param secretStores    the store of a profile's secrets, given the config directory: the OS keychain, else the
 *                        master-password file, else nothing (called only for a profile that has secrets)
 * @param clock           what "15m ago" counts back from
 */
record CliEnvironment(PrintStream out, PrintStream err, Map<String, String> environment, PasswordPrompt prompt,
                      ConfirmPrompt confirm, boolean errIsTerminal, Supplier<Path> configDirectory,
                      Function<Path, SecretStore> secretStores, Clock clock) {

    /** The real machine: System's streams and environment, the console, the OS keychain. */
    static CliEnvironment system() {
        PasswordPrompt console = PasswordPrompt.console();
        return new CliEnvironment(System.out, System.err, System.getenv(), console, ConfirmPrompt.console(),
                Tty.stderrIsTerminal(),
                ConfigDirectory::forThisMachine, directory -> SecretStores.forCommandLine(directory, console),
                Clock.systemUTC());
    }

    String variable(String name) {
        return environment.get(name);
    }

    int columns() {
        return Tty.columns(variable("COLUMNS"));
    }
}
