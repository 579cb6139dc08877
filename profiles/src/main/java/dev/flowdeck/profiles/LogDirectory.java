package dev.flowdeck.profiles;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Flowdeck writes its log on each OS, beside the settings but where each OS looks for logs:
 * {@code %LOCALAPPDATA%\Flowdeck\logs} on Windows (logs are machine-local, not roamed with the profile),
 * {@code ~/Library/Logs/Flowdeck} on macOS (what Console.app lists), {@code $XDG_STATE_HOME/flowdeck/logs} (else
 * {@code ~/.local/state/flowdeck/logs}) elsewhere, as the XDG base directories put logs under state. The system
 * property {@code flowdeck.log.dir} overrides it (tests, portable installs).
 */
public final class LogDirectory {

    public static final String OVERRIDE = "flowdeck.log.dir";

    private LogDirectory() {
    }

    public static Path forThisMachine() {
        return resolve(System.getProperty(OVERRIDE), System.getProperty("os.name"), System.getProperty("user.home"),
                System.getenv());
    }

    static Path resolve(String override, String osName, String home, Map<String, String> env) {
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String localAppData = env.get("LOCALAPPDATA");
            return localAppData != null && !localAppData.isBlank()
                    ? Path.of(localAppData, "Flowdeck", "logs")
                    : Path.of(home, "AppData", "Local", "Flowdeck", "logs");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Logs", "Flowdeck");
        }
        String xdg = env.get("XDG_STATE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "flowdeck", "logs")
                : Path.of(home, ".local", "state", "flowdeck", "logs");
    }
}
