package dev.flowdeck.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.sandbox.DebianPackages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        String script = "echo -n throwaway | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; "
                + "exec \"$0\" -cp \"$1\" " + KeychainRoundTrip.class.getName() + " \"$2\" \"$3\"";
        var builder = new ProcessBuilder("dbus-run-session", "--", "sh", "-c", script,
                java, System.getProperty("java.class.path"), configDir.toString(), SECRET)
                .redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("DBUS_SESSION_BUS_ADDRESS");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        List<String> lines = output.lines().filter(line -> line.matches("^(STORE|READ|AFTER DELETE) .*")).toList();
        assertThat(lines).as(output).containsExactly(
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
