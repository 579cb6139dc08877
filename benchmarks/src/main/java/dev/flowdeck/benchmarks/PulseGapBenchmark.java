package dev.flowdeck.benchmarks;

import dev.flowdeck.core.concurrent.NamedThreadFactory;
import dev.flowdeck.views.browser.BrowserViewModel;
import dev.flowdeck.views.browser.DestinationView;
import dev.flowdeck.views.browser.Position;
import dev.flowdeck.views.shell.Theme;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The UI while a scan runs at full speed: the browser's real view ({@link DestinationView}) in a window, on the
 * run's connection, reads the whole topic from the beginning with no filter (every record becomes a row until the
 * cap, every batch a drain), and an {@link AnimationTimer} notes when each JavaFX pulse came. A gap between two
 * pulses is time the FX thread could not draw: the operator sees a frozen window for that long.
 *
 * <p>Under a display (Xvfb, say) the window is real; without one JavaFX's headless platform pulses all the same.
 * The first scan warms the JIT and is reported beside the others, one a round: each scan's longest gap is one
 * sample of how long the window froze, and their median is the figure (the slowest is shown beside it).
 */
final class PulseGapBenchmark implements Benchmark {

    private static final Duration SCAN_TIMEOUT = Duration.ofMinutes(10);

    @Override
    public String id() {
        return "pulse-gaps";
    }

    @Override
    public BenchmarkResult run(BenchmarkContext context) throws Exception {
        OrderTopic topic = context.orders(context.options().records());
        String platform = FxPlatform.start();
        var background = Executors.newCachedThreadPool(new NamedThreadFactory("benchmarks-ui-work"));
        var timer = Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("benchmarks-ui-timer"));
        try {
            var uiTasks = new UiTaskClock();
            // The app's own theme (AtlantaFX's Primer light), as the operator's window draws it.
            onFx(() -> {
                Theme.LIGHT.apply();
                return null;
            });
            var window = onFx(() -> new BrowserWindow(new BrowserViewModel(context.connection(), topic.name(), true,
                    uiTasks, background, timer, Clock.systemUTC()), uiTasks));
            try {
                PulseGaps cold = window.scan();
                var warm = new java.util.ArrayList<PulseGaps>();
                for (int round = 0; round < context.options().rounds(); round++) {
                    warm.add(window.scan());
                }
                return new PulseGapResult(topic, platform, cold, warm);
            } finally {
                onFx(() -> {
                    window.close();
                    return null;
                });
            }
        } finally {
            background.shutdownNow();
            timer.shutdownNow();
        }
    }

    /** The view in a stage, and the timer that watches its pulses. */
    private static final class BrowserWindow {

        private final BrowserViewModel browser;
        private final DestinationView view;
        private final Stage stage = new Stage();
        private final PulseWatch watch = new PulseWatch();
        private final UiTaskClock uiTasks;
        private final GcPauses gcPauses = new GcPauses();

        BrowserWindow(BrowserViewModel browser, UiTaskClock uiTasks) {
            this.browser = browser;
            this.uiTasks = uiTasks;
            this.view = new DestinationView(browser, true, traceId -> { }, java.util.Optional.empty());
            stage.setScene(new Scene(view, 1200, 760));
            stage.setTitle("Flowdeck benchmark: pulses during a scan");
            stage.show();
            browser.form().positionProperty().set(Position.BEGINNING);
            watch.start();
        }

        /** Scans the topic once and returns the pulses seen while it ran. */
        PulseGaps scan() throws Exception {
            var done = new CountDownLatch(1);
            ChangeListener<Boolean> ended = (property, was, scanning) -> {
                if (!scanning) {
                    done.countDown();
                }
            };
            onFx(() -> {
                watch.reset();
                uiTasks.reset();
                gcPauses.reset();
                browser.start();
                browser.scanningProperty().addListener(ended);
                return null;
            });
            if (!done.await(SCAN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the scan shown in the window did not end within " + SCAN_TIMEOUT);
            }
            return onFx(() -> {
                browser.scanningProperty().removeListener(ended);
                if (!browser.errorProperty().get().isEmpty()) {
                    throw new IllegalStateException("the scan failed: " + browser.errorProperty().get());
                }
                return watch.gaps(browser.progressProperty().get().scanned(),
                        browser.progressProperty().get().elapsed(), browser.rows().size(), uiTasks.longest(),
                        gcPauses.seen());
            });
        }

        void close() {
            gcPauses.close();
            watch.stop();
            view.close();
            stage.hide();
        }
    }

    static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        var result = new CompletableFuture<T>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        });
        return result.get(1, TimeUnit.MINUTES);
    }
}
