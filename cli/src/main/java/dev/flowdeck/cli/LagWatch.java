package dev.flowdeck.cli;

import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.lag.LagMonitor;
import dev.flowdeck.core.lag.LagRound;
import dev.flowdeck.core.lag.MonitorUpdate;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Samples the cluster's consumer groups on the command's own thread and hands every round to the same
 * {@link LagMonitor} the desktop uses, so a status here is the status there. One sample, or one every interval until
 * stopped (Ctrl-C), the sample count is reached, or the handler says stop (stdout closed).
 *
 * <p>Samples are stamped with their scheduled instant (first answer + n × interval), not with when the thread woke:
 * the evaluator counts a window as full from how far its samples span, and a few milliseconds of scheduling jitter
 * would otherwise drop the window's first sample every other round and make a status come and go.
 */
final class LagWatch {

    /** How a run ended: the last good sample's update, and whether the very last sample failed. */
    record Outcome(Optional<MonitorUpdate> last, boolean lastSampleFailed) {
    }

    private final Supplier<CompletionStage<List<ConsumerGroupLag>>> consumerGroups;
    private final LagPlan plan;
    private final LagMonitor monitor;
    private final Clock clock;
    private final String address;
    private final PrintStream err;
    private final CompletableFuture<Void> stop;

    /**
     * @param consumerGroups reads every group's lag once (the connection's {@code consumerGroups})
     * @param address        the cluster as error sentences name it
     * @param err            where a failed sample of a watch is reported before it goes on
     * @param stop           completed from another thread (Ctrl-C) to end the run: a read or a wait in progress
     *                       returns at once
     */
    LagWatch(Supplier<CompletionStage<List<ConsumerGroupLag>>> consumerGroups, LagPlan plan, LagMonitor monitor,
             Clock clock, String address, PrintStream err, CompletableFuture<Void> stop) {
        this.consumerGroups = consumerGroups;
        this.plan = plan;
        this.monitor = monitor;
        this.clock = clock;
        this.address = address;
        this.err = err;
        this.stop = stop;
    }

    /**
     * Samples until done.
     *
     * @param handler gets each sample's update on this thread; false to stop
     * @throws CommandFailure when the first sample fails, or a group asked for does not exist: either is an answer
     *                        a watch cannot improve on. Later failures are reported on stderr and sampling goes on.
     */
    Outcome run(Predicate<MonitorUpdate> handler) throws InterruptedException {
        Instant start = null;
        MonitorUpdate last = null;
        boolean lastFailed = false;
        long taken = 0;
        long tick = 0;
        while (true) {
            Instant at = start == null ? null : start.plus(plan.interval().multipliedBy(tick));
            try {
                Optional<List<ConsumerGroupLag>> groups = read();
                if (groups.isEmpty()) {
                    break; // stopped while reading
                }
                if (start == null) {
                    // The ticks count from when the first answer came: the first read also opens the connection,
                    // which would otherwise make the first sample look seconds older than its offsets.
                    start = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                    at = start;
                    List<String> missing = plan.groups().missing(groups.get(), address);
                    if (!missing.isEmpty()) {
                        throw new CommandFailure(ExitCodes.BROKER, String.join(" ", missing), null);
                    }
                }
                last = monitor.record(new LagRound(at, plan.groups().select(groups.get())));
                lastFailed = false;
                taken++;
                if (!handler.test(last)) {
                    break;
                }
            } catch (BrokerException failure) {
                if (start == null) {
                    throw new CommandFailure(ExitCodes.BROKER, failure.getMessage(), failure);
                }
                // A watch runs beside a collector for hours: one failed read (a broker restarting) must not end it.
                err.println(at.truncatedTo(ChronoUnit.SECONDS) + " sample failed, the watch goes on: "
                        + failure.getMessage());
                lastFailed = true;
                taken++;
            }
            if (reachedCount(taken)) {
                break;
            }
            tick = nextTick(start, tick);
            if (!awaitTick(start, tick)) {
                break;
            }
        }
        return new Outcome(Optional.ofNullable(last), lastFailed);
    }

    private boolean reachedCount(long taken) {
        return !plan.watch() || !plan.untilStopped() && taken >= plan.samples();
    }

    /** Every group's lag, or empty when stopped before the answer came. */
    private Optional<List<ConsumerGroupLag>> read() throws InterruptedException {
        CompletableFuture<List<ConsumerGroupLag>> answer = consumerGroups.get().toCompletableFuture();
        try {
            CompletableFuture.anyOf(answer, stop).get();
        } catch (ExecutionException failed) {
            Throwable cause = Failures.unwrap(failed);
            throw cause instanceof BrokerException broker ? broker
                    : new BrokerException(Failures.sentence(cause), cause);
        }
        return stop.isDone() ? Optional.empty() : Optional.of(answer.join());
    }

    /**
     * The next tick not yet past: a read that took longer than the interval skips the ticks it overran rather than
     * sampling twice in a row to catch up.
     */
    private long nextTick(Instant start, long current) {
        long elapsedTicks = Duration.between(start, clock.instant()).toMillis() / plan.interval().toMillis();
        return Math.max(current + 1, elapsedTicks + 1);
    }

    /** Waits until the tick's instant; false when stopped meanwhile. */
    private boolean awaitTick(Instant start, long tick) throws InterruptedException {
        Duration wait = Duration.between(clock.instant(), start.plus(plan.interval().multipliedBy(tick)));
        if (wait.isNegative() || wait.isZero()) {
            return !stop.isDone();
        }
        try {
            stop.get(wait.toNanos(), TimeUnit.NANOSECONDS);
            return false;
        } catch (TimeoutException due) {
            return true;
        } catch (ExecutionException impossible) {
            throw new IllegalStateException("the stop signal never fails", impossible);
        }
    }
}
