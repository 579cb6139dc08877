package dev.flowdeck.app;

import java.lang.management.ManagementFactory;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.transform.Transform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --smoke-test}: the installers' check that a package starts. Once the main window has drawn a few frames,
 * its scene is snapshot at the window's output scale (so a HiDPI screen is checked at its real pixel size) and
 * judged by {@link RenderCheck}; one line goes to stdout (what a script or the installer IT reads) and the app
 * exits: 0 when the window rendered, 1 when it did not, 1 when it never drew within the deadline.
 */
final class SmokeTest {

    private static final Logger LOG = LoggerFactory.getLogger(SmokeTest.class);
    /** Frames drawn before the snapshot: the first pulse lays out, later ones show CSS and fonts settled. */
    private static final int FRAMES = 3;
    private static final long DEADLINE_SECONDS = 60;

    /** What {@link Launcher} exits with once the toolkit has shut down; 1 unless the check passed. */
    private static volatile int exitCode = 1;

    private SmokeTest() {
    }

    static int exitCode() {
        return exitCode;
    }

    static void start(Stage stage, long visibleAfterMillis, ScheduledExecutorService scheduler) {
        scheduler.schedule(() -> {
            System.err.println("Smoke test failed: the main window did not render within " + DEADLINE_SECONDS
                    + " s. The log says why.");
            System.exit(1); // the FX thread may be the one stuck: exit from here
        }, DEADLINE_SECONDS, TimeUnit.SECONDS);
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames >= FRAMES) {
                    stop();
                    check(stage, visibleAfterMillis);
                }
            }
        }.start();
    }

    private static void check(Stage stage, long visibleAfterMillis) {
        double scaleX = stage.getOutputScaleX();
        double scaleY = stage.getOutputScaleY();
        var parameters = new SnapshotParameters();
        parameters.setTransform(Transform.scale(scaleX, scaleY));
        WritableImage image = stage.getScene().getRoot().snapshot(parameters, null);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] pixels = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), pixels, 0, width);
        RenderCheck check = RenderCheck.of(pixels, width, height);
        String versions = ComponentVersions.oneLine(ComponentVersions.ofThisProcess());
        // The smoke test's result is this command's output, read by scripts: stdout, like the CLI's.
        if (check.rendered()) {
            System.out.printf("Smoke test passed: the main window rendered (%s) at output scale %.2f, visible %d ms"
                    + " after the JVM started. %s%n", check.describe(), scaleX, visibleAfterMillis, versions);
            exitCode = 0;
        } else {
            System.out.printf("Smoke test failed: the main window is blank (%s) at output scale %.2f. %s%n",
                    check.describe(), scaleX, versions);
            exitCode = 1;
        }
        System.out.flush();
        LOG.info("Smoke test {}: {}", exitCode == 0 ? "passed" : "failed", check.describe());
        Platform.exit();
    }

    /** Milliseconds since this JVM started (the JVM's own clock, as the log's start-up line uses). */
    static long uptimeMillis() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }
}
