package dev.flowdeck.core.browse;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The subscriber's outstanding demand of a browse, shared between the thread that reads (and waits for demand)
 * and whoever calls {@code request} or {@code cancel}. Demand saturates at {@code Long.MAX_VALUE}, meaning
 * unbounded (Reactive Streams rule 3.17).
 */
public final class Demand {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long outstanding;
    private volatile boolean cancelled;

    public void add(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("request(n) needs n > 0 (Reactive Streams rule 3.9), was " + n);
        }
        lock.lock();
        try {
            outstanding = outstanding + n < 0 ? Long.MAX_VALUE : outstanding + n;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void cancel() {
        cancelled = true;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Blocks the reading thread until there is demand; false if the browse was cancelled meanwhile. */
    public boolean await() {
        lock.lock();
        try {
            while (outstanding == 0 && !cancelled) {
                changed.awaitUninterruptibly();
            }
            return !cancelled;
        } finally {
            lock.unlock();
        }
    }

    /**
     * As {@link #await()}, but gives up after {@code timeout}: true if there is demand, false if cancelled or the
     * time ran out (tell them apart with {@link #isCancelled()}).
     */
    public boolean await(java.time.Duration timeout) {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (outstanding == 0 && !cancelled && remaining > 0) {
                try {
                    remaining = changed.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return outstanding > 0 && !cancelled;
        } finally {
            lock.unlock();
        }
    }

    /** One batch is about to be delivered. */
    public void take() {
        lock.lock();
        try {
            if (outstanding != Long.MAX_VALUE && outstanding > 0) {
                outstanding--;
            }
        } finally {
            lock.unlock();
        }
    }
}
