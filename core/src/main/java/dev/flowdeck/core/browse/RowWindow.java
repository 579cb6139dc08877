package dev.flowdeck.core.browse;

import java.util.List;

/**
 * Decides which browsed rows a view keeps, so memory stays bounded however much a scan reads. A search keeps the
 * first {@code cap} matches and goes on counting the rest; a live tail keeps the newest {@code cap}, dropping the
 * oldest as new ones come. The rows themselves live with the caller (a table's list): this only says what to add
 * and how many to drop from the front.
 */
public final class RowWindow {

    public enum Keep { FIRST, NEWEST }

    /** What to do with one batch of rows: drop {@code evictFromFront} from the front, then append {@code append}. */
    public record Change<T>(List<T> append, int evictFromFront) {
    }

    private final int cap;
    private final Keep keep;
    private int held;
    private long notKept;

    public RowWindow(int cap, Keep keep) {
        if (cap <= 0) {
            throw new IllegalArgumentException("a row cap is positive, was " + cap);
        }
        this.cap = cap;
        this.keep = keep;
    }

    /**
     * The first of the rows {@link #offer} would keep of a batch of {@code count}, as it stands now; they are the
     * {@link #kept} rows from there. A search keeps the start of a batch while it has room, a tail the end of it.
     * Lets a caller make only the rows that will be kept (a value's JSON is made for them).
     */
    public int firstKept(int count) {
        return keep == Keep.FIRST ? 0 : count - kept(count);
    }

    /** How many of a batch of {@code count} rows {@link #offer} would keep, as it stands now. */
    public int kept(int count) {
        return keep == Keep.FIRST ? Math.max(0, Math.min(cap - held, count)) : Math.min(cap, count);
    }

    public <T> Change<T> offer(List<T> incoming) {
        int n = incoming.size();
        if (keep == Keep.FIRST) {
            int room = cap - held;
            int taken = Math.min(room, n);
            held += taken;
            notKept += n - taken;
            return new Change<>(List.copyOf(incoming.subList(0, taken)), 0);
        }
        if (n >= cap) {
            int evict = held;
            notKept += held + (n - cap);
            held = cap;
            return new Change<>(List.copyOf(incoming.subList(n - cap, n)), evict);
        }
        int evict = Math.max(0, held + n - cap);
        notKept += evict;
        held += n - evict;
        return new Change<>(List.copyOf(incoming), evict);
    }

    /** Rows offered but not kept (or kept and later dropped) so far. */
    public long notKept() {
        return notKept;
    }

    public int held() {
        return held;
    }

    public int cap() {
        return cap;
    }

    /** The plain sentence the browser shows once rows were left out, or empty while all are kept. */
    public String note() {
        if (notKept == 0) {
            return "";
        }
        return switch (keep) {
            case FIRST -> String.format("Showing the first %,d matches; %,d more were counted but not kept. "
                    + "Narrow the filter, or export every match to a file.", cap, notKept);
            case NEWEST -> String.format("Showing the newest %,d messages; %,d older ones scrolled out.", cap,
                    notKept);
        };
    }
}
