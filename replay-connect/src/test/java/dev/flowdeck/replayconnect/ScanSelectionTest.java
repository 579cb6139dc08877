package dev.flowdeck.replayconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.broker.ScriptedBrowses;
import dev.flowdeck.core.broker.TopicSummary;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.StartPosition;
import dev.flowdeck.replay.EventIdentity;
import dev.flowdeck.replay.ReplayTarget;
import dev.flowdeck.replay.SelectedEvent;
import dev.flowdeck.replay.SelectionRead;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ScanSelectionTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final TopicSummary ORDERS = new TopicSummary("orders", 3, 1, 10);

    private final ScriptedBrowses broker = new ScriptedBrowses();

    @Test
    void aScansMatchesAreReadAgainToTheEndAndAimedWhereEachSits() {
        broker.script("orders", ScriptedBrowses.End.COMPLETE,
                new MessageBatch(List.of(message(2, 7), message(0, 3)), 5, 2, 10),
                new MessageBatch(List.of(message(1, 9)), 10, 3, 10));
        var tail = new BrowseRequest("orders", new StartPosition.Timestamp(T0), Set.of(), true);

        SelectionRead read = ScanSelection.read(broker, ORDERS, tail, 2).toCompletableFuture().join();

        assertThat(broker.requests).singleElement().satisfies(request -> {
            assertThat(request.follow()).isFalse(); // read as a range, never left tailing
            assertThat(request.start()).isEqualTo(new StartPosition.Timestamp(T0));
        });
        assertThat(read.selection().identity()).isEqualTo(EventIdentity.BY_OFFSET);
        assertThat(read.selection().events()).extracting(SelectedEvent::target).containsExactly(
                ReplayTarget.KafkaTopic.toPartition("orders", 2), ReplayTarget.KafkaTopic.toPartition("orders", 0));
        assertThat(read.selection().description()).isEqualTo("2 messages of orders");
        assertThat(read.notes()).containsExactly("The scan matches 3 messages; one plan takes the first 2.");
    }

    @Test
    void aRabbitMessageGoesBackToTheExchangeAndRoutingKeyItWasPublishedWith() {
        var published = new BrowsedMessage("audit.log", 0, 4, T0, null, "{}".getBytes(StandardCharsets.UTF_8),
                List.of(), false, Map.of("exchange", "shop", "routing_key", "order.paid"));
        broker.script("audit.log", ScriptedBrowses.End.COMPLETE, new MessageBatch(List.of(published), 1, 1, 1));

        SelectionRead read = ScanSelection.read(broker, new TopicSummary("audit.log", 1, 1, 1),
                BrowseRequest.fromBeginning("audit.log"), 10).toCompletableFuture().join();

        assertThat(read.selection().events()).extracting(SelectedEvent::target)
                .containsExactly(new ReplayTarget.RabbitExchange("shop", "order.paid"));
    }

    @Test
    void aTailFromTheEndOrAScanOfNothingIsRefusedWithASentence() {
        var fromTheEnd = new BrowseRequest("orders", new StartPosition.Latest(), Set.of(), true);
        assertThatThrownBy(() -> ScanSelection.read(broker, ORDERS, fromTheEnd, 10).toCompletableFuture().join())
                .cause().hasMessage("A live tail has no range to read again: scan from a time or an offset, then "
                        + "replay its matches.");

        broker.script("orders", ScriptedBrowses.End.COMPLETE, new MessageBatch(List.of(), 10, 0, 10));
        assertThatThrownBy(() -> ScanSelection.read(broker, ORDERS, BrowseRequest.fromBeginning("orders"), 10)
                .toCompletableFuture().join()).isInstanceOf(CompletionException.class)
                .cause().hasMessage("The scan matches nothing in orders: nothing to replay.");
    }

    private static BrowsedMessage message(int partition, long offset) {
        return new BrowsedMessage("orders", partition, offset, T0, "k".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8), List.of());
    }
}
