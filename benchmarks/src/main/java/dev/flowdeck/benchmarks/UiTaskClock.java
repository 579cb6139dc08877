package dev.flowdeck.benchmarks;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * The browser's UI executor, timed: runs each task on the FX thread as the app does ({@code Platform::runLater}) and
 * keeps the longest. A pulse gap longer than every task is not the browser's work holding the FX thread but the
 * thread waiting its turn for a core (or the collector).
 */
final class UiTaskClock implements Executor {

    private final AtomicLong longestNanos = new AtomicLong();

    @Override
    public void execute(Runnable task) {
        Platform.runLater(() -> {
            long start = System.nanoTime();
            try {
                task.run();
            } finally {
                longestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
            }
        });
    }

    void reset() {
        longestNanos.set(0);
    }

    Duration longest() {
        return Duration.ofNanos(longestNanos.get());
    }
}
