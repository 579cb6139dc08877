package dev.flowdeck.replay;

import java.util.concurrent.CompletionStage;

/**
 * Where the replayed events came from, in move mode: removes a dead letter once its replay is confirmed. Removing
 * one that is already gone completes normally (a resume may remove again what a crash interrupted).
 */
public interface DeadLetterSource {

    /** The source cluster's name, for refusals. */
    String cluster();

    /** A read-only profile cannot move: the runner refuses a move before sending anything. */
    boolean readOnly();

    CompletionStage<Void> remove(PlannedEvent event);

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
