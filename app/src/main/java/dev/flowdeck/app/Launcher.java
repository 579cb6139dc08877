package dev.flowdeck.app;

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
        try {
            LaunchOptions.parse(arguments); // fail on a typo before a window opens
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        Application.launch(FlowdeckApp.class, args);
    }
}
