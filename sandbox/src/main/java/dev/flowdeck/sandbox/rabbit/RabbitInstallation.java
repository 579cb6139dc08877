package dev.flowdeck.sandbox.rabbit;

import dev.flowdeck.sandbox.DebianPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds Debian's {@code rabbitmq-server}; the test harness may also install it (see {@link DebianPackages}). */
public final class RabbitInstallation {

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
        DebianPackages.ensure(SCRIPTS.resolve("rabbitmq-server"), "rabbitmq-server");
        return SCRIPTS;
    }
}
