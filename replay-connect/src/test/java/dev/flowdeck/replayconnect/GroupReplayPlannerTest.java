package dev.flowdeck.replayconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.QueueSummary;
import dev.flowdeck.core.broker.QueueType;
import dev.flowdeck.core.broker.ScriptedBrowses;
import dev.flowdeck.core.broker.TopicSummary;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.deadletter.DeadLetterDecoder;
import dev.flowdeck.core.deadletter.DeadLetterGroups;
import dev.flowdeck.replay.EventIdentity;
import dev.flowdeck.replay.PlannedEvent;
import dev.flowdeck.replay.Redirect;
import dev.flowdeck.replay.ReplayChoices;
import dev.flowdeck.replay.ReplayMode;
import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replay.ReplayTarget;
import dev.flowdeck.replay.SelectionRead;
import dev.flowdeck.replay.TransformLines;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Against scripted browses on the calling thread; the real-broker path is the CLI's and the replay ITs'. */
class GroupReplayPlannerTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final TopicSummary DLT = new TopicSummary("payments.DLT", 1, 1, 4);

    private final ScriptedBrowses broker = new ScriptedBrowses();

    @Test
    void plansOnlyTheGroupsLettersEachBackToItsOriginalPartitionAndSaysWhatWasLeftOut() {
        List<BrowsedMessage> letters = new ArrayList<>(List.of(
                letter(0, "payments", "com.acme.Timeout", "no answer within 3000 ms"),
                letter(1, "payments", "com.acme.CardDeclined", "card declined"),
                letter(2, "payments", "com.acme.Timeout", "no answer within 10 ms")));
        broker.script("payments.DLT", ScriptedBrowses.End.COMPLETE, new MessageBatch(letters, 3, 3, 3));
        String timeouts = groupIdOf(letters.getFirst());

        var planner = new GroupReplayPlanner(ConnectionProfile.kafka("shop", "localhost:9092"), broker,
                Clock.fixed(T0, ZoneOffset.UTC));
        SelectionRead read = planner.read(DLT, timeouts, progress -> { }).letters().toCompletableFuture().join();
        ReplayPlan plan = planner.plan(read, ReplayChoices.BACK_AS_THEY_WERE);

        assertThat(plan.events()).extracting(PlannedEvent::key)
                .containsExactly("payments.DLT/0@0", "payments.DLT/0@2");
        assertThat(plan.events()).extracting(PlannedEvent::target)
                .containsOnly(ReplayTarget.KafkaTopic.toPartition("payments", 4));
        assertThat(plan.source()).isEqualTo(
                "2 dead letters of payments.DLT, group " + timeouts); // its id, never its cause (may quote data)
        assertThat(read.notes()).isEmpty();

        ReplayPlan elsewhere = planner.plan(read, new ReplayChoices(ReplayMode.MOVE,
                new Redirect.KafkaTopic("payments-retry", true), TransformLines.parse("set header tenant = eu")));
        assertThat(elsewhere.mode()).isEqualTo(ReplayMode.MOVE);
        assertThat(elsewhere.events()).extracting(PlannedEvent::target)
                .containsOnly(ReplayTarget.KafkaTopic.byKey("payments-retry"));
        assertThat(elsewhere.events().getFirst().message().headers())
                .anySatisfy(header -> assertThat(header.name()).isEqualTo("tenant"));
        assertThat(broker.requests).hasSize(1); // planned twice, read once
    }

    @Test
    void aGroupLargerThanOnePlanIsCutWithANoteAndAGoneGroupIsASentence() {
        List<BrowsedMessage> letters = List.of(letter(0, "payments", "com.acme.Timeout", "late"),
                letter(1, "payments", "com.acme.Timeout", "late"), letter(2, "payments", "com.acme.Timeout", "late"));
        broker.script("payments.DLT", ScriptedBrowses.End.COMPLETE, new MessageBatch(letters, 3, 3, 3));
        var planner = new GroupReplayPlanner(ConnectionProfile.kafka("shop", "localhost:9092"), broker,
                Clock.fixed(T0, ZoneOffset.UTC), 2);

        SelectionRead read = planner.read(DLT, groupIdOf(letters.getFirst()), progress -> { }).letters()
                .toCompletableFuture().join();

        assertThat(planner.plan(read, ReplayChoices.BACK_AS_THEY_WERE).events()).hasSize(2);
        assertThat(read.notes()).containsExactly("The group holds 3 dead letters; one plan takes the first 2. "
                + "Replay again for the rest: those delivered are skipped.");
        assertThatThrownBy(() -> planner.read(DLT, "0badc0de", progress -> { }).letters()
                .toCompletableFuture().join()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No dead letter of group 0badc0de is in payments.DLT: read the groups again, since they "
                        + "may have been replayed or expired.");
    }

    @Test
    void classicAndQuorumQueuesNameEventsByContentStreamsAndTopicsByOffset() {
        assertThat(GroupReplayPlanner.identityOf(DLT)).isEqualTo(EventIdentity.BY_OFFSET);
        assertThat(GroupReplayPlanner.identityOf(queue(QueueType.STREAM))).isEqualTo(EventIdentity.BY_OFFSET);
        assertThat(GroupReplayPlanner.identityOf(queue(QueueType.CLASSIC))).isEqualTo(EventIdentity.BY_CONTENT);
        assertThat(GroupReplayPlanner.identityOf(queue(QueueType.QUORUM))).isEqualTo(EventIdentity.BY_CONTENT);
    }

    private static QueueSummary queue(QueueType type) {
        return new QueueSummary("/", "orders.dlq", type, 1, 0, 0, java.util.Map.of(), "", java.util.Optional.empty(),
                java.util.OptionalLong.empty(), java.util.OptionalLong.empty());
    }

    private static String groupIdOf(BrowsedMessage message) {
        return new DeadLetterGroups().add(DeadLetterDecoder.standard().decode(message));
    }

    private static BrowsedMessage letter(long offset, String origin, String thrown, String message) {
        return new BrowsedMessage(origin + ".DLT", 0, offset, T0.plusSeconds(offset),
                "ord-9".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8),
                List.of(header("kafka_dlt-original-topic", origin), new MessageHeader("kafka_dlt-original-partition",
                                java.nio.ByteBuffer.allocate(4).putInt(4).array()),
                        header("kafka_dlt-exception-fqcn", thrown), header("kafka_dlt-exception-message", message)));
    }

    private static MessageHeader header(String name, String value) {
        return new MessageHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
