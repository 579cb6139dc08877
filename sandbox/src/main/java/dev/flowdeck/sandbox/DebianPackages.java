package dev.flowdeck.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the Debian packages the test harness runs for real (RabbitMQ, GNOME Keyring) where the user may: root,
 * or passwordless sudo. Elsewhere it stops with the command to run. So the test command works on a fresh Debian or
 * Ubuntu machine. The app itself never installs anything.
 */
public final class DebianPackages {

    private static final Logger LOG = LoggerFactory.getLogger(DebianPackages.class);

    private DebianPackages() {
    }

    /** Makes sure {@code program} exists, installing {@code packages} if it does not. */
    public static void ensure(Path program, String... packages) {
        if (Files.isExecutable(program)) {
            return;
        }
        String install = "sudo apt-get install -y " + String.join(" ", packages);
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            throw new SandboxException(program + " is missing and this is not a Debian or Ubuntu machine: install "
                    + "the equivalent of `" + install + "`, then run the command again.");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root && run(List.of("sudo", "-n", "true"), 10) != 0) {
            throw new SandboxException(program + " is missing. Install it with `" + install
                    + "`, then run the command again.");
        }
        List<String> sudo = root ? List.of() : List.of("sudo", "-n");
        LOG.info("Installing {} with apt-get (once per machine)…", String.join(" ", packages));
        run(concat(sudo, List.of("apt-get", "update", "-qq")), 300);
        int installed = run(concat(sudo, Stream.concat(Stream.of("apt-get", "install", "-y", "-qq"),
                Stream.of(packages)).toList()), 600);
        if (installed != 0 || !Files.isExecutable(program)) {
            throw new SandboxException("`" + install + "` failed (exit code " + installed + "). Install it by hand, "
                    + "then run the command again.");
        }
    }

    private static int run(List<String> command, int timeoutSeconds) {
        try {
            var builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
