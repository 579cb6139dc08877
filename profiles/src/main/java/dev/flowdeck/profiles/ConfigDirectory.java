package dev.flowdeck.profiles;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Flowdeck keeps its settings on each OS: {@code %APPDATA%\Flowdeck} on Windows,
 * {@code ~/Library/Application Support/Flowdeck} on macOS, {@code $XDG_CONFIG_HOME/flowdeck} (else
 * {@code ~/.config/flowdeck}) elsewhere. The system property {@code flowdeck.config.dir} overrides it (tests,
 * portable installs).
 */
public final class ConfigDirectory {

    public static final String OVERRIDE = "flowdeck.config.dir";

    private ConfigDirectory() {
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
            String appData = env.get("APPDATA");
            return appData != null ? Path.of(appData, "Flowdeck") : Path.of(home, "AppData", "Roaming", "Flowdeck");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "Flowdeck");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "flowdeck") : Path.of(home, ".config", "flowdeck");
    }
}
