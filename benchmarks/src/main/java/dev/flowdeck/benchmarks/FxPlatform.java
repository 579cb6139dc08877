package dev.flowdeck.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** Starts JavaFX once per JVM: on the display when there is one, else on JavaFX's own headless platform. */
final class FxPlatform {

    private static String started;

    private FxPlatform() {
    }

    /** Starts the toolkit if needed; says which platform runs it. */
    static synchronized String start() throws InterruptedException {
        if (started != null) {
            return started;
        }
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            System.setProperty("glass.platform", "Headless");
            System.setProperty("prism.order", "sw");
            started = "JavaFX headless platform (no display), software rendering";
        } else {
            started = "a window on display " + display;
        }
        var up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        Platform.setImplicitExit(false);
        if (!up.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("JavaFX did not start within 30 s");
        }
        return started;
    }
}
