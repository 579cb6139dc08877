package dev.flowdeck.replay;

import java.time.Instant;
import java.util.Objects;

/**
 * One replay of the replays directory as its journal tells it: for the list an operator picks a replay to resume
 * from.
 *
 * @param replayId   the replay's id (what {@code --resume} and {@code Replays.resume} in replay-connect take)
 * @param state      finished, interrupted, or in doubt
 * @param began      when its first run began
 * @param lastChange when its journal last changed
 * @param events     events planned (held ones included)
 * @param delivered  events in the target
 * @param inDoubt    events sent without a known outcome: a resume reads the target back for them
 * @param notSent    events never sent
 * @param skipped    events held back or refused as already replayed
 * @param resumable  its plan was saved beside the journal, so it can be resumed
 */
public record ReplaySummary(String replayId, State state, Instant began, Instant lastChange, int events,
                            int delivered, int inDoubt, int notSent, int skipped, boolean resumable) {

    /** Where a replay stands. */
    public enum State {
        /** Every event has its final outcome: delivered, held back or refused. */
        FINISHED,
        /** Some events were never sent (cancelled, or the app stopped): a resume sends them. */
        INTERRUPTED,
        /** Some sends have no known outcome (a crash between send and confirm): a resume reads the target back. */
        IN_DOUBT;

        /** As the operator reads it: {@code finished}, {@code interrupted}, {@code in doubt}. */
        public String spoken() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    public ReplaySummary {
        Objects.requireNonNull(replayId, "replayId");
        Objects.requireNonNull(state, "state");
    }

    /** The summary of what a journal says; in doubt wins over interrupted, since it is what needs a look first. */
    public static ReplaySummary of(ReplayJournal.Reading journal, boolean planSaved) {
        JournalState events = journal.state();
        int inDoubt = events.outcomeUnknown().size();
        int notSent = events.remaining().size();
        int delivered = events.delivered().size();
        int skipped = (int) events.all().values().stream()
                .filter(standing -> standing.step() == JournalState.Step.SKIPPED).count();
        State state = inDoubt > 0 ? State.IN_DOUBT : notSent > 0 ? State.INTERRUPTED : State.FINISHED;
        return new ReplaySummary(journal.replayId(), state, journal.began(), journal.lastChange(),
                events.all().size(), delivered, inDoubt, notSent, skipped, planSaved);
    }
}
