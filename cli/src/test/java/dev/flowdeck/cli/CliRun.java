package dev.flowdeck.cli;

import dev.flowdeck.core.profile.SecretStore;
import dev.flowdeck.profiles.SessionSecretStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the real command line in this JVM, as {@code main} would minus {@code System.exit}: stdout and stderr
 * captured, no terminal, and the environment, config directory and secrets the test chooses.
 */
final class CliRun {

    /** What a run left behind. */
    record Result(int exitCode, byte[] outBytes, String err) {
        String out() {
            return new String(outBytes, StandardCharsets.UTF_8);
        }

        List<String> outLines() {
            return out().lines().toList();
        }
    }

    private final Map<String, String> environment = new HashMap<>();
    private Path configDirectory = Path.of("target", "no-config-here");
    private SecretStore secrets = new SessionSecretStore();
    private PasswordPrompt prompt = PasswordPrompt.NONE;
    private ConfirmPrompt confirm = ConfirmPrompt.NONE;
    private Clock clock = Clock.systemUTC();

    static CliRun cli() {
        return new CliRun();
    }

    CliRun env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    CliRun configDirectory(Path directory) {
        configDirectory = directory;
        return this;
    }

    CliRun secrets(SecretStore store) {
        secrets = store;
        return this;
    }

    CliRun answering(String password) {
        prompt = question -> Optional.of(password.toCharArray());
        return this;
    }

    /** A terminal where the operator types {@code line} to whatever is asked. */
    CliRun typing(String line) {
        confirm = question -> Optional.of(line);
        return this;
    }

    CliRun clock(Clock fixed) {
        clock = fixed;
        return this;
    }

    CliEnvironment environment(PrintStream out, PrintStream err) {
        return new CliEnvironment(out, err, Map.copyOf(environment), prompt, confirm, false, () -> configDirectory,
                directory -> secrets, clock);
    }

    Result run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        try (var outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             var errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = FlowdeckCli.commandLine(environment(outStream, errStream)).execute(args);
            outStream.flush();
            errStream.flush();
            return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
        }
    }
}
