package dev.flowdeck.replayconnect;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.QueueSummary;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.deadletter.DeadLetterDecoder;
import dev.flowdeck.core.deadletter.DeadLetterScan;
import dev.flowdeck.core.decode.ValueWriter;
import dev.flowdeck.replay.DeadLetterHeaders;
import dev.flowdeck.replay.EventIdentity;
import dev.flowdeck.replay.ReplayChoices;
import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replay.ReplayPlanner;
import dev.flowdeck.replay.SelectionRead;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Plans the replay of one group of dead letters (one cause) back to where each failed, or where the operator redirects
 * it: reads the dead-letter destination again with the streaming scan, keeps only the group's letters, infers each
 * one's target from its headers, then plans them with the engine as often as the operator changes the choices. The
 * desktop's replay dialog and {@code flowdeck replay --group} both plan this way, so a group id read in one means the
 * same letters in the other.
 */
public final class GroupReplayPlanner {

    /** The most events one plan holds: a plan is kept in memory and saved whole before it runs. */
    public static final int MAX_EVENTS = 100_000;
    /** An event replayed this often already is quarantined instead of sent again. */
    public static final int MAX_REPLAYS = 5;

    private final ConnectionProfile profile;
    private final BrokerConnection connection;
    private final Clock clock;
    private final int maxEvents;
    private final ValueWriter valueWriter;

    public GroupReplayPlanner(ConnectionProfile profile, BrokerConnection connection, Clock clock) {
        this(profile, connection, clock, MAX_EVENTS, ValueWriter.NONE);
    }

    /**
     * @param valueWriter writes an edited Avro, Protobuf or JSON Schema value back with its schema id (the profile's
     *                    schema registry), so a transform on a value read through a schema never sends JSON
     */
    public GroupReplayPlanner(ConnectionProfile profile, BrokerConnection connection, Clock clock,
                              ValueWriter valueWriter) {
        this(profile, connection, clock, MAX_EVENTS, valueWriter);
    }

    GroupReplayPlanner(ConnectionProfile profile, BrokerConnection connection, Clock clock, int maxEvents) {
        this(profile, connection, clock, maxEvents, ValueWriter.NONE);
    }

    private GroupReplayPlanner(ConnectionProfile profile, BrokerConnection connection, Clock clock, int maxEvents,
                               ValueWriter valueWriter) {
        this.valueWriter = Objects.requireNonNull(valueWriter, "valueWriter");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxEvents = maxEvents;
    }

    /** A read under way: the group's letters once it ends, and its stop button. */
    public interface Reading {

        /**
         * Completes with the group's letters, each with the target inferred from its headers; fails with a
         * {@link BrokerException} whose message is a sentence when the destination cannot be read, and with an
         * {@link IllegalArgumentException} when no letter of the group is there (any more).
         */
        CompletionStage<SelectionRead> letters();

        /** Stops reading: the letters read so far are kept, and a note says so. */
        void cancel();
    }

    /**
     * Starts reading {@code destination} for the letters of group {@code groupId}.
     *
     * @param progress told after each batch of the scan, on the connector's thread
     */
    public Reading read(Destination destination, String groupId, Consumer<DeadLetterScan.Progress> progress) {
        DeadLetterDecoder decoder = DeadLetterDecoder.forProfile(profile);
        var scan = DeadLetterScan.start(connection, destination.name(), decoder, maxEvents,
                letter -> letter.groupId().equals(groupId), progress);
        CompletionStage<SelectionRead> letters = scan.outcome().thenApply(outcome -> {
            if (outcome.kept().isEmpty()) {
                throw new IllegalArgumentException("No dead letter of group " + groupId + " is in "
                        + destination.name() + (outcome.cancelled() ? " as far as it was read" : "")
                        + ": read the groups again, since they may have been replayed or expired.");
            }
            List<BrowsedMessage> messages = outcome.kept().stream().map(DeadLetterScan.Letter::message).toList();
            // The group by its id, never its cause: the source goes into the plan file, the audit log and every
            // preview, and a cause is read from headers that may quote data (an address in an exception message)
            // or that a profile masks. The id finds the cause again ('dlq groups', the inbox).
            var selected = TargetFromDeadLetter.select(String.format("%,d dead letters of %s, group %s",
                    messages.size(), destination.name(), groupId), messages, decoder, identityOf(destination));
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
            return new SelectionRead(selected.selection(), notes);
        });
        return new Reading() {
            @Override
            public CompletionStage<SelectionRead> letters() {
                return letters;
            }

            @Override
            public void cancel() {
                scan.cancel();
            }
        };
    }

    /**
     * Plans {@code read}'s events with the operator's choices: where to, what to change, copy or move. Pure and
     * repeatable: a changed choice is planned again without reading again.
     *
     * An event a transform cannot apply to (a payload that is not JSON) is held back in the plan with the reason.
     *
     * @throws IllegalArgumentException when a choice cannot apply (a Kafka topic for RabbitMQ events, say)
     */
    public ReplayPlan plan(SelectionRead read, ReplayChoices choices) {
        return new ReplayPlanner(clock, () -> UUID.randomUUID().toString(), DeadLetterHeaders.KNOWN_CONVENTIONS,
                MAX_REPLAYS, valueWriter)
                .plan(choices.redirected(read.selection()), choices.transforms(), choices.mode());
    }

    /**
     * How the destination's events are named stably: by offset where offsets never change (Kafka, RabbitMQ
     * streams), by content on classic and quorum queues (see {@link EventIdentity}).
     */
    public static EventIdentity identityOf(Destination destination) {
        return destination instanceof QueueSummary queue && !queue.type().browsesWithoutSideEffects()
                ? EventIdentity.BY_CONTENT : EventIdentity.BY_OFFSET;
    }
}
