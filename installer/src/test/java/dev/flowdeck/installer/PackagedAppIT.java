package dev.flowdeck.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb that package.sh built, as a user gets it: unpacked with {@code dpkg -x} into a temporary root (no
 * install, no root), its desktop launcher run with {@code --smoke-test} on an X display (Xvfb when the build has
 * none) and its command-line launcher asked for {@code --version}. Both run with a bare environment: no JAVA_HOME and
 * no JDK on the PATH, so they can only work on the runtime inside the package.
 */
class PackagedAppIT {

    /** A guard against a hung launcher, not a performance bound. */
    private static final long PROCESS_DEADLINE_MINUTES = 3;

    @TempDir
    static Path root;
    private static Path deb;
    private static Path app;
    private static Process xvfb;
    private static String display;

    @BeforeAll
    static void unpackTheDeb() throws Exception {
        Path output = Path.of(System.getProperty("installer.output", "target/installer"));
        try (Stream<Path> files = Files.list(output)) {
            List<Path> debs = files.filter(file -> file.toString().endsWith(".deb")).toList();
            assertThat(debs).as("the .deb package.sh built in %s", output).hasSize(1);
            deb = debs.getFirst();
        }
        Run unpacked = run(List.of("dpkg-deb", "-x", deb.toString(), root.resolve("root").toString()), Map.of());
        assertThat(unpacked.exitCode()).as(unpacked.output()).isZero();
        app = root.resolve("root/opt/flowdeck");
        display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            display = startXvfb();
        }
    }

    @AfterAll
    static void stopXvfb() {
        if (xvfb != null) {
            xvfb.destroy();
        }
    }

    @Test
    void theDesktopLauncherDrawsItsWindowOnTheRuntimeItShips() throws Exception {
        Path home = root.resolve("home-app");
        Map<String, String> env = userEnvironment(home);
        env.put("DISPLAY", display);

        Run smoke = run(List.of(app.resolve("bin/Flowdeck").toString(), "--smoke-test"), env);

        assertThat(smoke.exitCode()).as(smoke.output()).isZero();
        assertThat(smoke.output()).contains("Smoke test passed: the main window rendered")
                // The package's runtime, not a JDK of this machine's (there is none on this PATH).
                .contains("Java " + Runtime.version().feature() + ".")
                .contains("Flowdeck " + System.getProperty("project.version"))
                .containsPattern("JavaFX \\d+").containsPattern("kafka-clients \\d+").containsPattern("amqp-client \\d+");
        // The per-OS directories of a Linux user: logs under XDG_STATE_HOME, settings under XDG_CONFIG_HOME.
        Path log = home.resolve("state/flowdeck/logs/flowdeck.log");
        assertThat(log).exists();
        assertThat(Files.readString(log)).contains("Flowdeck window visible")
                .contains("Profiles in " + home.resolve("config/flowdeck"));
        // AppCDS: the first run leaves the archive of its start-up classes in the user's cache directory.
        try (Stream<Path> archives = Files.list(home.resolve(".cache/flowdeck/cds"))) {
            assertThat(archives.filter(file -> file.toString().endsWith(".jsa")).toList()).singleElement()
                    .satisfies(archive -> assertThat(Files.size(archive)).isPositive());
        }
        // The second run starts from it, and still draws its window.
        Run again = run(List.of(app.resolve("bin/Flowdeck").toString(), "--smoke-test"), env);
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("Smoke test passed").doesNotContain("[error]");
    }

    @Test
    void theCommandLineShipsInTheSamePackage() throws Exception {
        Run version = run(List.of(app.resolve("bin/flowdeck-cli").toString(), "--version"),
                userEnvironment(root.resolve("home-cli")));

        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("flowdeck " + System.getProperty("project.version"))
                .contains("Java " + Runtime.version().feature() + ".");
    }

    @Test
    void thePackageAddsAMenuEntryAndOpensSavedReplayPlans() throws Exception {
        Run fields = run(List.of("dpkg-deb", "-f", deb.toString(), "Package", "Version"), Map.of());
        assertThat(fields.output()).contains("Package: flowdeck")
                .contains("Version: " + System.getProperty("project.version").replaceFirst("-.*", ""));

        List<Path> desktop;
        try (Stream<Path> files = Files.list(app.resolve("lib"))) {
            desktop = files.filter(file -> file.toString().endsWith(".desktop")).toList();
        }
        // One menu entry, the desktop app's: the command line's entry (jpackage makes one per launcher) is hidden.
        assertThat(desktop).extracting(file -> file.getFileName().toString())
                .containsExactlyInAnyOrder("flowdeck-Flowdeck.desktop", "flowdeck-flowdeck-cli.desktop");
        assertThat(Files.readString(app.resolve("lib/flowdeck-flowdeck-cli.desktop"))).contains("NoDisplay=true")
                .contains("Terminal=true");
        assertThat(Files.readString(app.resolve("lib/flowdeck-Flowdeck.desktop"))).contains("Exec=/opt/flowdeck/bin/Flowdeck %f")
                .contains("Icon=/opt/flowdeck/lib/Flowdeck.png")
                .contains("MimeType=application/vnd.flowdeck.replay-plan+json");
        try (Stream<Path> files = Files.list(app.resolve("lib"))) {
            assertThat(files.filter(file -> file.toString().endsWith("MimeInfo.xml")).map(PackagedAppIT::read))
                    .singleElement().asString().contains("*.plan.json");
        }
    }

    /** What a user's session would hand the launchers, minus any JDK: a home of its own, the system PATH. */
    private static Map<String, String> userEnvironment(Path home) throws IOException {
        Files.createDirectories(home);
        var env = new java.util.HashMap<String, String>();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put("PATH", "/usr/bin:/bin");
        return env;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An Xvfb on a display it picks itself (-displayfd), so parallel builds never collide. */
    private static String startXvfb() throws Exception {
        Path number = root.resolve("xvfb-display");
        Files.writeString(number, "");
        xvfb = new ProcessBuilder("bash", "-c", "exec Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3>'"
                + number + "'").redirectErrorStream(true).redirectOutput(root.resolve("xvfb.log").toFile()).start();
        org.awaitility.Awaitility.await().atMost(30, TimeUnit.SECONDS)
                .untilAsserted(() -> assertThat(Files.readString(number)).isNotBlank());
        return ":" + Files.readString(number).strip();
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(List<String> command, Map<String, String> environment) throws Exception {
        var builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        if (!environment.isEmpty()) {
            builder.environment().clear();
            builder.environment().putAll(environment);
        }
        Path out = Files.createTempFile(root, "run", ".log");
        builder.redirectOutput(out.toFile());
        Process process = builder.start();
        if (!process.waitFor(PROCESS_DEADLINE_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new Run(-1, "did not finish: " + String.join(" ", command) + "\n"
                    + Files.readString(out, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
