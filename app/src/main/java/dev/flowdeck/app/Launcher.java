package dev.flowdeck.app;

import dev.flowdeck.profiles.LogDirectory;
import java.util.List;
import javafx.application.Application;

/**
 * The {@code main} class. Kept apart from {@link FlowdeckApp} so that the app starts from a plain class path, where
 * a main class extending {@code Application} would be refused for missing JavaFX modules.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.err.print(LaunchOptions.USAGE);
            return;
        }
        LaunchOptions options = null;
        try {
            options = LaunchOptions.parse(arguments); // fail on a typo before a window opens
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        // Before the first logger exists: logback.xml writes to the per-OS log directory this names.
        if (System.getProperty(LogDirectory.OVERRIDE) == null) {
            System.setProperty(LogDirectory.OVERRIDE, LogDirectory.forThisMachine().toString());
        }
        prepareClassArchive();
        Application.launch(FlowdeckApp.class, args);
        if (options.smokeTest()) {
            // The toolkit has shut down; broker clients' threads must not keep a finished check waiting.
            System.exit(SmokeTest.exitCode());
        }
    }

    /**
     * The installers start the JVM with {@code -XX:+AutoCreateSharedArchive} and an archive in the per-OS cache
     * directory (named again in {@code flowdeck.cds.archive}): the JVM writes it when this run ends, but does not
     * create its folder. Without the folder the next start is only slower, so a failure is not worth a word.
     */
    private static void prepareClassArchive() {
        String archive = System.getProperty("flowdeck.cds.archive");
        if (archive == null || archive.isBlank() || archive.contains("$")) {
            return; // not packaged, or the launcher had no such variable to expand
        }
        try {
            java.nio.file.Files.createDirectories(java.nio.file.Path.of(archive).toAbsolutePath().getParent());
        } catch (java.io.IOException | RuntimeException e) {
            // the JVM then runs without the archive, as before
        }
    }
}
