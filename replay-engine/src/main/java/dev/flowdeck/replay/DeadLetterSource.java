package dev.flowdeck.replay;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Where the replayed events came from, in move mode: holds the dead letters while their replays go out, removes each
 * once its replay is confirmed, and hands back the rest when the run ends. Removing one that is already gone
 * completes normally (a resume may remove again what a crash interrupted).
 */
public interface DeadLetterSource {

    /** The source cluster's name, for refusals. */
    String cluster();

    /** A read-only profile cannot move: the runner refuses a move before sending anything. */
    boolean readOnly();

    CompletionStage<Void> remove(PlannedEvent event);

    /**
     * Before a move sends anything: takes hold of the dead letters of {@code events}, so nothing else takes them
     * while their replays go out, and completes with the keys of those it holds. An event whose dead letter is not
     * there (another consumer took it, or an interrupted run removed it) is left out: the runner does not send it,
     * or it could arrive twice. The default holds nothing and answers every key: a Kafka record cannot be taken.
     */
    default CompletionStage<Set<String>> hold(List<PlannedEvent> events) {
        return CompletableFuture.completedFuture(events.stream().map(PlannedEvent::key).collect(Collectors.toSet()));
    }

    /** When the run ends: hands back every dead letter still held (their events were not delivered). */
    default void release() {
    }

    /** The source of a copy: never asked to remove anything. */
    static DeadLetterSource none() {
        return new DeadLetterSource() {
            @Override
            public String cluster() {
                return "(none)";
            }

            @Override
            public boolean readOnly() {
                return true;
            }

            @Override
            public CompletionStage<Void> remove(PlannedEvent event) {
                throw new IllegalStateException("a copy removes nothing");
            }
        };
    }
}
