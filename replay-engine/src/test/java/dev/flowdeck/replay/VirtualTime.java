package dev.flowdeck.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/**
 * A clock and a scheduler in one, for tests: tasks run on the test's thread, in the order of their time (then of
 * their scheduling), and the clock jumps to each task's time. A replay of minutes runs in microseconds, the same way
 * every time. A {@link Crash} thrown by a task stops the world: every task still waiting is dropped, as a killed
 * process drops its timers and the answers it was waiting for.
 */
final class VirtualTime extends Clock implements ReplayScheduler {

    /** Thrown by a fake to kill the process at that point. An Error, so no code under test catches it. */
    static final class Crash extends Error {
        Crash(String where) {
            super("simulated crash: " + where, null, false, false);
        }
    }

    private record Task(Instant at, long order, Runnable work) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.at().equals(b.at())
            ? Long.compare(a.order(), b.order()) : a.at().compareTo(b.at()));
    private Instant now;
    private long order;
    private boolean crashed;

    VirtualTime(Instant start) {
        this.now = start;
    }

    @Override
    public void execute(Runnable task) {
        schedule(task, Duration.ZERO);
    }

    @Override
    public void schedule(Runnable task, Duration delay) {
        if (!crashed) {
            tasks.add(new Task(now.plus(delay), order++, task));
        }
    }

    /** Runs tasks until none is left (or one crashes); returns whether the world crashed. */
    boolean runUntilIdle() {
        while (!crashed && !tasks.isEmpty()) {
            Task next = tasks.poll();
            now = next.at();
            try {
                next.work().run();
            } catch (Crash crash) {
                crashed = true;
                tasks.clear();
            }
        }
        return crashed;
    }

    /** Runs the tasks due by {@code time}, then moves the clock there. */
    void runUntil(Instant time) {
        while (!crashed && !tasks.isEmpty() && !tasks.peek().at().isAfter(time)) {
            Task next = tasks.poll();
            now = next.at();
            next.work().run();
        }
        now = time;
    }

    boolean crashed() {
        return crashed;
    }

    /** After a crash: the app starts again (the clock goes on where it was). */
    void reset() {
        crashed = false;
        tasks.clear();
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
