package dev.flowdeck.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.sandbox.DebianPackages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OS keychain path for real on Linux: a private D-Bus session with a GNOME Keyring (the Secret Service most
 * desktops run), unlocked with a throwaway password, and a child JVM that stores, reads and deletes a profile's
 * password through java-keyring. The other OSes' keychains go through the same library; they need their OS.
 */
class KeyringSecretStoreIT {

    private static final String SECRET = "hunter2-in-the-keyring";

    @TempDir
    Path home;
    @TempDir
    Path configDir;

    @Test
    void aPasswordGoesToTheSecretServiceAndNeverToTheConfigDirectory() throws Exception {
        DebianPackages.ensure(Path.of("/usr/bin/gnome-keyring-daemon"), "gnome-keyring");
        DebianPackages.ensure(Path.of("/usr/bin/dbus-run-session"), "dbus");
        Path keyrings = Files.createDirectories(home.resolve(".local/share/keyrings"));
        Files.writeString(keyrings.resolve("default"), "login"); // the keyring --unlock creates is the default

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The daemon --unlock starts may not own the Secret Service's bus name yet when the command returns; a
        // client asking then has D-Bus start a second daemon, whose keyring is locked and waits for a prompt that
        // never comes. So the client starts once the name has its owner (at most ten seconds).
        String script = "echo -n throwaway | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; "
                + "tries=0; until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus "
                + "org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'true'; "
                + "do tries=$((tries+1)); [ $tries -ge 100 ] && break; sleep 0.1; done; "
                + "exec \"$0\" -cp \"$1\" " + KeychainRoundTrip.class.getName() + " \"$2\" \"$3\"";
        var builder = new ProcessBuilder("dbus-run-session", "--", "sh", "-c", script,
                java, System.getProperty("java.class.path"), configDir.toString(), SECRET)
                .redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("DBUS_SESSION_BUS_ADDRESS");
        Process process = builder.start();
        // Read beside the wait, so a child that hangs fails the test in a minute instead of holding the build.
        var output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(its output could not be read: " + e.getMessage() + ")";
            }
        });
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String said = output.completeOnTimeout("(nothing more came)", 10, TimeUnit.SECONDS).get();
        assertThat(ended).as("the keychain round trip ended within a minute; it said: %s", said).isTrue();

        List<String> lines = said.lines().filter(line -> line.matches("^(STORE|READ|AFTER DELETE) .*")).toList();
        assertThat(lines).as(said).containsExactly(
                "STORE the OS keychain (GNOME_KEYRING)",
                "READ " + SECRET,
                "AFTER DELETE (gone)");
        assertNoPlainText(configDir);
        assertNoPlainText(keyrings); // GNOME Keyring encrypts its file with the unlock password
    }

    private static void assertNoPlainText(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain(SECRET);
            }
        }
    }
}
