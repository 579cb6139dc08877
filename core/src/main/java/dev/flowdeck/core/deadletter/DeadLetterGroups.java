package dev.flowdeck.core.deadletter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Groups dead letters by cause as a scan streams them: fed batch by batch, it keeps one small tally per distinct
 * origin and {@link FailureFingerprint} and a single sample each, never the dead letters themselves. Memory is
 * bounded by {@code maxGroups}: once that many causes are kept, dead letters of a new cause are counted in one
 * "other" bucket and {@link #notes()} says how many went there (a poison topic with a unique message per event
 * would otherwise make a million groups of one).
 *
 * <p>Not thread-safe: one scan feeds it, on the scan's thread; {@link #groups()} returns a snapshot.
 */
public final class DeadLetterGroups {

    /** Enough for any real incident's causes, and a few MB at worst. */
    public static final int DEFAULT_MAX_GROUPS = 1_000;

    private record Key(String origin, FailureFingerprint fingerprint) {
    }

    /** A group as it grows. */
    private static final class Tally {
        final DeadLetter sample;
        final String id;
        long count;
        Instant first;
        Instant last;

        Tally(DeadLetter sample, String id) {
            this.sample = sample;
            this.id = id;
        }

        void add(DeadLetter deadLetter) {
            count++;
            deadLetter.times().seen().ifPresent(seen -> {
                first = first == null || seen.isBefore(first) ? seen : first;
                last = last == null || seen.isAfter(last) ? seen : last;
            });
        }

        DeadLetterGroup toGroup(Key key) {
            return new DeadLetterGroup(key.origin(), key.fingerprint(), count, Optional.ofNullable(first),
                    Optional.ofNullable(last), sample);
        }
    }

    private final int maxGroups;
    private final Map<Key, Tally> groups = new LinkedHashMap<>();
    private Tally other;
    private long total;

    public DeadLetterGroups() {
        this(DEFAULT_MAX_GROUPS);
    }

    public DeadLetterGroups(int maxGroups) {
        if (maxGroups < 1) {
            throw new IllegalArgumentException("keep at least one group, not " + maxGroups);
        }
        this.maxGroups = maxGroups;
    }

    public void addAll(List<DeadLetter> batch) {
        batch.forEach(this::add);
    }

    /** Counts {@code deadLetter} into its group; returns the group's {@link DeadLetterGroup#id()}. */
    public String add(DeadLetter deadLetter) {
        total++;
        var key = new Key(originOf(deadLetter), FailureFingerprint.of(deadLetter.failure()));
        Tally tally = groups.get(key);
        if (tally == null && groups.size() < maxGroups) {
            tally = new Tally(deadLetter, DeadLetterGroup.idOf(key.origin(), key.fingerprint()));
            groups.put(key, tally);
        } else if (tally == null) {
            if (other == null) {
                other = new Tally(deadLetter, DeadLetterGroup.OTHER_ID);
            }
            tally = other;
        }
        tally.add(deadLetter);
        return tally.id;
    }

    /** The origin a group is keyed by: the destination it failed in, empty where no header said. */
    static String originOf(DeadLetter deadLetter) {
        return deadLetter.origin().map(Origin::destination).orElse("");
    }

    /** The groups, largest first (ties: first seen first), the "other" bucket last if there is one. */
    public List<DeadLetterGroup> groups() {
        List<DeadLetterGroup> list = new ArrayList<>(groups.size() + 1);
        groups.forEach((key, tally) -> list.add(tally.toGroup(key)));
        list.sort(Comparator.comparingLong(DeadLetterGroup::count).reversed()); // stable: insertion order on ties
        if (other != null) {
            list.add(other.toGroup(new Key("", null)));
        }
        return list;
    }

    /** Every dead letter added. */
    public long total() {
        return total;
    }

    /** What the grouping could not do, in words; empty while every cause has its own group. */
    public List<String> notes() {
        if (other == null) {
            return List.of();
        }
        return List.of("more than " + maxGroups + " distinct causes: " + other.count
                + " dead letters of further causes are counted together as other");
    }
}
