package dev.flowdeck.replayconnect;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.QueueSummary;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.deadletter.DeadLetterDecoder;
import dev.flowdeck.core.deadletter.DeadLetterGroup;
import dev.flowdeck.core.deadletter.DeadLetterScan;
import dev.flowdeck.replay.DeadLetterHeaders;
import dev.flowdeck.replay.EventIdentity;
import dev.flowdeck.replay.ReplayMode;
import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replay.ReplayPlanner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Plans the replay of one group of dead letters (one cause) back to where each failed: reads the dead-letter
 * destination again with the streaming scan, keeps only the group's letters, infers each one's target from its
 * headers and plans them with the engine. The desktop's replay dialog and {@code flowdeck replay --group} both plan
 * this way, so a group id read in one means the same letters in the other.
 */
public final class GroupReplayPlanner {

    /** The most events one plan holds: a plan is kept in memory and saved whole before it runs. */
    public static final int MAX_EVENTS = 100_000;
    /** An event replayed this often already is quarantined instead of sent again. */
    public static final int MAX_REPLAYS = 5;

    /**
     * A plan and what the operator must read before applying it.
     *
     * @param notes letters left out (no origin header, beyond {@link #MAX_EVENTS}) in words
     */
    public record Proposal(ReplayPlan plan, String cause, List<String> notes) {
        public Proposal {
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(cause, "cause");
            notes = List.copyOf(notes);
        }
    }

    private final ConnectionProfile profile;
    private final BrokerConnection connection;
    private final Clock clock;
    private final int maxEvents;

    public GroupReplayPlanner(ConnectionProfile profile, BrokerConnection connection, Clock clock) {
        this(profile, connection, clock, MAX_EVENTS);
    }

    GroupReplayPlanner(ConnectionProfile profile, BrokerConnection connection, Clock clock, int maxEvents) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxEvents = maxEvents;
    }

    /** A plan being made: its proposal once the read ends, and the read's stop button. */
    public interface Planning {

        /**
         * Completes with the plan; fails with a {@link BrokerException} whose message is a sentence when the
         * destination cannot be read, and with an {@link IllegalArgumentException} when no letter of the group is
         * there (any more).
         */
        CompletionStage<Proposal> proposal();

        /** Stops reading: the plan holds the group's letters read so far, and a note says so. */
        void cancel();
    }

    /**
     * Starts reading {@code destination} for the letters of group {@code groupId}, to plan their replay.
     *
     * @param progress told after each batch of the scan, on the connector's thread
     */
    public Planning plan(Destination destination, String groupId, ReplayMode mode,
                         Consumer<DeadLetterScan.Progress> progress) {
        DeadLetterDecoder decoder = DeadLetterDecoder.forProfile(profile);
        var scan = DeadLetterScan.start(connection, destination.name(), decoder, maxEvents,
                letter -> letter.groupId().equals(groupId), progress);
        CompletionStage<Proposal> proposal = scan.outcome().thenApply(outcome -> {
            if (outcome.kept().isEmpty()) {
                throw new IllegalArgumentException("No dead letter of group " + groupId + " is in "
                        + destination.name() + (outcome.cancelled() ? " as far as it was read" : "")
                        + ": read the groups again, since they may have been replayed or expired.");
            }
            String cause = outcome.groups().stream().filter(group -> group.id().equals(groupId))
                    .findFirst().map(GroupReplayPlanner::cause).orElse("");
            List<BrowsedMessage> messages = outcome.kept().stream().map(DeadLetterScan.Letter::message).toList();
            var selected = TargetFromDeadLetter.select(String.format("%,d dead letters of %s, group %s%s",
                    messages.size(), destination.name(), groupId, cause.isEmpty() ? "" : " (" + cause + ")"),
                    messages, decoder, identityOf(destination));
            List<String> notes = new ArrayList<>();
            selected.unplaced().forEach(why -> notes.add("Left out: " + why));
            if (outcome.truncated()) {
                notes.add(String.format("The group holds %,d dead letters; one plan takes the first %,d. Replay "
                        + "again for the rest: those delivered are skipped.", outcome.wanted(), outcome.kept().size()));
            }
            if (outcome.cancelled()) {
                notes.add("The read stopped before the end of " + destination.name() + ": later letters of the "
                        + "group are not in the plan.");
            }
            ReplayPlan plan = new ReplayPlanner(clock, () -> UUID.randomUUID().toString(),
                    DeadLetterHeaders.KNOWN_CONVENTIONS, MAX_REPLAYS).plan(selected.selection(), List.of(), mode);
            return new Proposal(plan, cause, notes);
        });
        return new Planning() {
            @Override
            public CompletionStage<Proposal> proposal() {
                return proposal;
            }

            @Override
            public void cancel() {
                scan.cancel();
            }
        };
    }

    /**
     * How the destination's events are named stably: by offset where offsets never change (Kafka, RabbitMQ
     * streams), by content on classic and quorum queues (see {@link EventIdentity}).
     */
    public static EventIdentity identityOf(Destination destination) {
        return destination instanceof QueueSummary queue && !queue.type().browsesWithoutSideEffects()
                ? EventIdentity.BY_CONTENT : EventIdentity.BY_OFFSET;
    }

    private static String cause(DeadLetterGroup group) {
        return group.isOther() ? "" : group.fingerprint().spoken();
    }
}
