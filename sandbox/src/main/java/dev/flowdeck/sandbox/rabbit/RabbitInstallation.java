package dev.flowdeck.sandbox.rabbit;

import dev.flowdeck.sandbox.SandboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds Debian's {@code rabbitmq-server}, and installs it with apt where the user may (root, or passwordless
 * sudo), so the test command works on a fresh Debian or Ubuntu machine. Elsewhere it says how to install it.
 */
public final class RabbitInstallation {

    private static final Logger LOG = LoggerFactory.getLogger(RabbitInstallation.class);
    /** The scripts that run as the calling user (the ones in /usr/sbin switch to the rabbitmq user when root). */
    private static final Path SCRIPTS = Path.of("/usr/lib/rabbitmq/bin");

    private RabbitInstallation() {
    }

    /** The directory holding {@code rabbitmq-server}, if RabbitMQ is installed. */
    public static Optional<Path> find() {
        return Files.isExecutable(SCRIPTS.resolve("rabbitmq-server")) ? Optional.of(SCRIPTS) : Optional.empty();
    }

    /** The directory holding {@code rabbitmq-server}, installing RabbitMQ first if it is missing and we may. */
    public static Path findOrInstall() {
        return find().orElseGet(() -> {
            install();
            return find().orElseThrow(() -> new SandboxException(
                    "apt-get ran but " + SCRIPTS.resolve("rabbitmq-server") + " is still missing."));
        });
    }

    private static void install() {
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            throw new SandboxException("RabbitMQ is not installed and this is not a Debian or Ubuntu machine: "
                    + "install rabbitmq-server 3.10 or newer so that " + SCRIPTS + "/rabbitmq-server exists.");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root && run(List.of("sudo", "-n", "true"), 10) != 0) {
            throw new SandboxException("RabbitMQ is not installed. Install it with "
                    + "`sudo apt-get install -y rabbitmq-server`, then run the command again.");
        }
        List<String> sudo = root ? List.of() : List.of("sudo", "-n");
        LOG.info("Installing rabbitmq-server with apt-get (once per machine)…");
        run(concat(sudo, List.of("apt-get", "update", "-qq")), 300);
        int installed = run(concat(sudo, List.of("apt-get", "install", "-y", "-qq", "rabbitmq-server")), 600);
        if (installed != 0) {
            throw new SandboxException("`apt-get install rabbitmq-server` failed with exit code " + installed
                    + ". Install it by hand, then run the command again.");
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
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
