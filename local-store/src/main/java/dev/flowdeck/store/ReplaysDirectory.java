package dev.flowdeck.store;

import dev.flowdeck.profiles.ConfigDirectory;
import java.nio.file.Path;

/**
 * Where replays keep their plans, marks and journals: {@value #FOLDER} in the config directory, beside the audit log
 * that records them. The one place the desktop and the command line learn it, so a replay started in one can be
 * listed and resumed in the other.
 */
public final class ReplaysDirectory {

    public static final String FOLDER = "replays";

    private ReplaysDirectory() {
    }

    /** The replays directory under {@code configDirectory} (created by the first replay, not here). */
    public static Path in(Path configDirectory) {
        return configDirectory.resolve(FOLDER);
    }

    /** This machine's ({@code -Dflowdeck.config.dir} moves it with the rest of the config). */
    public static Path forThisMachine() {
        return in(ConfigDirectory.forThisMachine());
    }
}
