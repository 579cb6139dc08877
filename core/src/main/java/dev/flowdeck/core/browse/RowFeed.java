package dev.flowdeck.core.browse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Carries rows from a browse's reading thread to the thread that owns the visible list, in batches and bounded.
 * The reading thread {@link #offer}s every batch; the owner {@link #drain}s every ~100 ms and applies the change.
 * Between drains at most {@code cap} rows wait: a tail running far ahead of a busy UI drops its oldest pending rows
 * instead of piling them up, and a search past its cap queues nothing at all.
 *
 * @param <T> the row type
 */
public final class RowFeed<T> {

    private final RowWindow window;
    private final ArrayDeque<T> pending = new ArrayDeque<>();
    private int pendingEvict;
    private int committed;

    public RowFeed(RowWindow window) {
        this.window = window;
    }

    public synchronized void offer(List<T> rows) {
        RowWindow.Change<T> change = window.offer(rows);
        int evict = change.evictFromFront();
        // Evictions come from the front of (visible rows, then pending rows): visible ones first.
        int fromVisible = Math.min(evict, committed - pendingEvict);
        pendingEvict += fromVisible;
        for (int i = fromVisible; i < evict; i++) {
            pending.removeFirst();
        }
        pending.addAll(change.append());
    }

    /**
     * Offers a batch of what rows are made from, making a row ({@code toRow}) only for those the window keeps: a
     * search past its cap makes none, a tail only the newest. The rows are made on the calling thread, outside the
     * lock the owner drains under. One thread offers (a browse's subscriber is called one batch at a time), so what
     * the window keeps cannot change between asking and offering.
     */
    public <S> void offer(List<S> incoming, Function<? super S, ? extends T> toRow) {
        int count = incoming.size();
        int from;
        int kept;
        synchronized (this) {
            from = window.firstKept(count);
            kept = window.kept(count);
        }
        @SuppressWarnings("unchecked")
        T[] rows = (T[]) new Object[count]; // the rows not kept stay null: the window never reads them
        for (int i = from; i < from + kept; i++) {
            rows[i] = toRow.apply(incoming.get(i));
        }
        offer(Arrays.asList(rows));
    }

    /** What the owner applies to its list since the last drain: drop from the front, then append. */
    public synchronized RowWindow.Change<T> drain() {
        return drain(Integer.MAX_VALUE);
    }

    /**
     * As {@link #drain()}, appending at most {@code maxRows} rows; the rest wait for the next drain (in order, after
     * these). A UI thread drains in slices so that no single pulse pays for thousands of new rows.
     */
    public synchronized RowWindow.Change<T> drain(int maxRows) {
        int taken = Math.min(maxRows, pending.size());
        var append = new ArrayList<T>(taken);
        for (int i = 0; i < taken; i++) {
            append.add(pending.removeFirst());
        }
        var change = new RowWindow.Change<T>(append, pendingEvict);
        committed = committed - pendingEvict + taken;
        pendingEvict = 0;
        return change;
    }

    /** Whether a drain would change anything. */
    public synchronized boolean hasPending() {
        return pendingEvict > 0 || !pending.isEmpty();
    }

    public synchronized String note() {
        return window.note();
    }

    public synchronized long notKept() {
        return window.notKept();
    }
}
