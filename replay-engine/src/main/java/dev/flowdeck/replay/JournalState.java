package dev.flowdeck.replay;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each event of one replay stands, as its journal says: rebuilt on open, kept current by every append.
 * An event absent from the journal was never planned by this run.
 */
public final class JournalState {

    /** The furthest step an event reached. Order matters: a later step never goes back to an earlier one. */
    public enum Step {
        /** In the plan; nothing sent. */
        PLANNED,
        /** Handed to the publisher; whether the target stored it is not known. */
        SENT,
        /** The publisher reported a failure after the send: the target may or may not hold it. */
        FAILED,
        /** The target holds it (its confirm, or a read-back found it). */
        CONFIRMED,
        /** Confirmed, and removed from the dead-letter queue (move mode). */
        REMOVED,
        /** Decided not to send (quarantined, refused as already replayed); final. */
        SKIPPED
    }

    /** One event's standing, with the reason of a failure or a skip. */
    public record Standing(Step step, String reason) {
    }

    /** The standings without a reason, one per step: most lines have none, and a replay writes two an event. */
    private static final Standing[] BARE = java.util.Arrays.stream(Step.values())
            .map(step -> new Standing(step, null)).toArray(Standing[]::new);

    private Map<String, Standing> events = new LinkedHashMap<>();

    JournalState() {
    }

    /**
     * Room for {@code count} events, made at once while the state is empty: a run plans all its events in one
     * go, and growing a map of 100,000 entries step by step rehashes it a dozen times.
     */
    void expect(int count) {
        if (events.isEmpty()) {
            events = LinkedHashMap.newLinkedHashMap(count);
        }
    }

    void apply(String key, Step step, String reason) {
        Standing was = events.get(key);
        // A confirm is never undone by a late failure report of the same send; a removal stays a removal.
        if (was != null && was.step().compareTo(Step.CONFIRMED) >= 0 && step.compareTo(Step.CONFIRMED) < 0) {
            return;
        }
        events.put(key, reason == null ? BARE[step.ordinal()] : new Standing(step, reason));
    }

    public Optional<Standing> of(String key) {
        return Optional.ofNullable(events.get(key));
    }

    public Map<String, Standing> all() {
        return Collections.unmodifiableMap(events);
    }

    /** Sent (or failed after sending) without a confirm: only a read-back of the target can say if it landed. */
    public List<String> outcomeUnknown() {
        return keysAt(Step.SENT, Step.FAILED);
    }

    /** Never sent. */
    public List<String> remaining() {
        return keysAt(Step.PLANNED);
    }

    /** In the target. */
    public List<String> delivered() {
        return keysAt(Step.CONFIRMED, Step.REMOVED);
    }

    private List<String> keysAt(Step... steps) {
        List<Step> wanted = List.of(steps);
        return events.entrySet().stream().filter(entry -> wanted.contains(entry.getValue().step()))
                .map(Map.Entry::getKey).toList();
    }
}
