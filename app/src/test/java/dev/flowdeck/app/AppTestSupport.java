package dev.flowdeck.app;

import dev.flowdeck.profiles.ConfigDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.testfx.util.WaitForAsyncUtils;

/** What the app's GUI tests share: a throw-away config directory, and reading the UI on the FX thread. */
final class AppTestSupport {

    private AppTestSupport() {
    }

    /** A fresh config directory the app under test uses instead of the operator's own. */
    static Path temporaryConfigDirectory() throws IOException {
        Path directory = Files.createTempDirectory("flowdeck-config-");
        System.setProperty(ConfigDirectory.OVERRIDE, directory.toString());
        return directory;
    }

    static void deleteConfigDirectory(Path directory) throws IOException {
        System.clearProperty(ConfigDirectory.OVERRIDE);
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Runs on the FX thread; an assertion that fails there fails here, so Awaitility can retry it. */
    static <T> T onFx(Callable<T> read) throws Exception {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError assertion) {
                throw assertion;
            }
            throw e;
        }
    }
}
