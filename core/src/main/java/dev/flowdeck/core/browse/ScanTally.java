package dev.flowdeck.core.browse;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Counts a scan's batches into a {@link ScanProgress}: totals, a rate over a sliding window (so a scan that slows
 * down says so within seconds, not after averaging over minutes), and an ETA. Not thread-safe: one thread feeds it.
 */
public final class ScanTally {

    private static final long WINDOW_NANOS = Duration.ofSeconds(3).toNanos();

    private record Sample(long nanos, long scanned) {
    }

    private final LongSupplier nanoClock;
    private final long startNanos;
    private final ArrayDeque<Sample> window = new ArrayDeque<>();
    private final List<String> notes = new ArrayList<>();
    private long scanned;
    private long matched;
    private long total = -1;

    public ScanTally(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        window.add(new Sample(startNanos, 0));
    }

    public ScanTally() {
        this(System::nanoTime);
    }

    public void add(MessageBatch batch) {
        scanned = batch.scanned();
        matched = batch.matched();
        total = batch.total();
        notes.addAll(batch.notes());
        long now = nanoClock.getAsLong();
        window.addLast(new Sample(now, scanned));
        // Keep one sample older than the window, so the rate always spans at least the window's width.
        while (window.size() > 2 && now - secondOldest().nanos() > WINDOW_NANOS) {
            window.removeFirst();
        }
    }

    private Sample secondOldest() {
        var samples = window.iterator();
        samples.next();
        return samples.next();
    }

    /** The notes the connector gave, in order (a key search narrowed to one partition, say). */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    public ScanProgress progress() {
        long now = nanoClock.getAsLong();
        Sample oldest = window.peekFirst();
        double seconds = (now - oldest.nanos()) / 1e9;
        double rate = seconds <= 0 ? 0 : (scanned - oldest.scanned()) / seconds;
        Optional<Duration> remaining = Optional.empty();
        if (total >= 0 && rate > 0) {
            long left = Math.max(0, total - scanned);
            remaining = Optional.of(Duration.ofMillis((long) (left / rate * 1000)));
        }
        return new ScanProgress(scanned, matched, total, rate, Duration.ofNanos(now - startNanos), remaining);
    }
}
