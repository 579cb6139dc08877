package dev.flowdeck.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.ScriptedBrowses;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.StartPosition;
import dev.flowdeck.core.concurrent.NamedThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Runs on {@code Runnable::run} against scripted browses: every signal arrives in a known order. */
class IndexerTest {

    private static final CorrelationKeys KEYS = CorrelationKeys.parse("correlation-id");

    private final ScriptedBrowses broker = new ScriptedBrowses();
    private final List<IndexProgress> progress = new ArrayList<>();

    @Test
    void readsTheDestinationsTogetherFromTheWindowsStartAndSkipsWhatCameAfterItsEnd() {
        broker.script("orders", ScriptedBrowses.End.COMPLETE,
                batch(3, event("orders", 0, "o1"), event("orders", 1, "o2")), batch(4, event("orders", 2, "o3")));
        broker.script("payments", ScriptedBrowses.End.COMPLETE,
                batch(2, event("payments", 5, "o1"), event("payments", 9_000, "late")));
        var index = new ChainIndex(KEYS);
        var window = new IndexWindow(List.of("orders", "payments"), Optional.of(Events.T0),
                Optional.of(Events.T0.plusSeconds(5)));

        IndexOutcome outcome = new Indexer(broker, Runnable::run).start(window, index, progress::add)
                .outcome().toCompletableFuture().join();

        assertThat(outcome).isEqualTo(new IndexOutcome(6, 4, 2, false, List.of()));
        assertThat(broker.requests).extracting(request -> request.start())
                .containsOnly(new StartPosition.Timestamp(Events.T0));
        // Payments began once orders had delivered (the scripted browses deliver as they are asked), before orders
        // was indexed; each destination's batches came in its own order, and each end was told as it was taken.
        assertThat(broker.requests).extracting(request -> request.destination()).containsExactly("orders", "payments");
        assertThat(progress).extracting(IndexProgress::destination, IndexProgress::number, IndexProgress::done,
                IndexProgress::scanned, IndexProgress::indexed).containsExactly(
                org.assertj.core.groups.Tuple.tuple("orders", 1, 0, 3L, 2L),
                org.assertj.core.groups.Tuple.tuple("orders", 1, 0, 4L, 3L),
                org.assertj.core.groups.Tuple.tuple("payments", 2, 0, 6L, 4L),
                org.assertj.core.groups.Tuple.tuple("payments", 2, 1, 6L, 4L),
                org.assertj.core.groups.Tuple.tuple("orders", 1, 2, 6L, 4L));
        assertThat(index.byKey("o1").orElseThrow().path()).containsExactly("orders", "payments");
        assertThat(index.byKey("late")).isEmpty();
    }

    @Test
    void aCancelEndsTheBrowseAtOnceAndKeepsWhatWasIndexed() {
        broker.script("orders", ScriptedBrowses.End.HANG,
                batch(1, event("orders", 0, "o1")), batch(2, event("orders", 1, "o2")));
        broker.script("payments", ScriptedBrowses.End.COMPLETE, batch(1, event("payments", 2, "o1")));
        var index = new ChainIndex(KEYS);
        // The run is started later on this thread, so the progress callback can reach it.
        List<Runnable> pending = new ArrayList<>();
        List<Indexer.Run> runs = new ArrayList<>();
        Indexer.Run run = new Indexer(broker, pending::add).start(
                IndexWindow.everything(List.of("orders", "payments")), index, step -> {
                    progress.add(step);
                    runs.getFirst().cancel(); // the operator presses cancel while the first batch is shown
                });
        runs.add(run);

        pending.getFirst().run();

        IndexOutcome outcome = run.outcome().toCompletableFuture().join();
        assertThat(outcome.cancelled()).isTrue();
        assertThat(outcome.completed()).isZero();
        // The second batch was already on its way (one ahead) and is dropped, not indexed.
        assertThat(outcome.indexed()).isEqualTo(1);
        assertThat(progress).hasSize(1);
        // payments had ended already (its one batch waiting, not indexed): only the hanging browse is cancelled.
        assertThat(broker.cancelled).containsExactly("orders");
        assertThat(broker.requests).extracting(request -> request.destination()).containsExactly("orders", "payments");
    }

    @Test
    void theNextDestinationIsNotBegunBeforeTheOneBeforeItHasSaidAnything() throws Exception {
        // orders never delivers: its end offsets are not known to be taken, so payments must wait for it.
        broker.script("orders", ScriptedBrowses.End.HANG);
        broker.script("payments", ScriptedBrowses.End.COMPLETE, batch(1, event("payments", 2, "o1")));
        var index = new ChainIndex(KEYS);
        var indexing = new AtomicReference<Thread>();
        ThreadFactory named = new NamedThreadFactory("indexing");
        try (var executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = named.newThread(task);
            indexing.set(thread);
            return thread;
        })) {
            Indexer.Run run = new Indexer(broker, executor).start(
                    IndexWindow.everything(List.of("orders", "payments")), index, progress::add);
            // Parked waiting for a signal: past the point where it begins the browses it may begin.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(indexing.get()).isNotNull()
                    .extracting(Thread::getState).isEqualTo(Thread.State.WAITING));
            run.cancel();

            IndexOutcome outcome = run.outcome().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(outcome.cancelled()).isTrue();
        }
        assertThat(broker.requests).extracting(request -> request.destination()).containsExactly("orders");
        assertThat(broker.cancelled).containsExactly("orders");
    }

    @Test
    void theWindowsEndKeepsAMessageAtItAndDropsOneAfterItEvenWithinAMillisecond() {
        broker.script("orders", ScriptedBrowses.End.COMPLETE, batch(3, event("orders", 1, "at-the-end"),
                event("orders", 2, "after"), event("orders", 0, "before")));
        var index = new ChainIndex(KEYS);
        // Ends 1.5 ms after T0: the message at 1 ms is in, the one at 2 ms is not.
        var window = new IndexWindow(List.of("orders"), Optional.empty(), Optional.of(Events.T0.plusNanos(1_500_000)));

        new Indexer(broker, Runnable::run).start(window, index, progress::add).outcome().toCompletableFuture().join();

        assertThat(index.byKey("at-the-end")).isPresent();
        assertThat(index.byKey("before")).isPresent();
        assertThat(index.byKey("after")).isEmpty();
        assertThat(Indexer.epochMillis(java.time.Instant.MAX)).isEqualTo(Long.MAX_VALUE);
        assertThat(Indexer.epochMillis(java.time.Instant.MIN)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aFailedBrowseFailsTheRunWithTheConnectorsWords() {
        broker.script("orders", ScriptedBrowses.End.FAIL, batch(1, event("orders", 0, "o1")));
        var index = new ChainIndex(KEYS);

        var outcome = new Indexer(broker, Runnable::run)
                .start(IndexWindow.everything(List.of("orders")), index, progress::add).outcome()
                .toCompletableFuture();

        assertThat(outcome).isCompletedExceptionally();
        assertThat(outcome.handle((done, failure) -> failure).join())
                .isInstanceOf(BrokerException.class).hasMessageContaining("Broker went away");
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void aFullIndexEndsTheRunAndSaysSo() {
        broker.script("orders", ScriptedBrowses.End.HANG,
                batch(3, event("orders", 0, "o1"), event("orders", 1, "o2"), event("orders", 2, "o3")));
        broker.script("payments", ScriptedBrowses.End.COMPLETE, batch(1, event("payments", 3, "o1")));
        var index = new ChainIndex(KEYS, 2);

        IndexOutcome outcome = new Indexer(broker, Runnable::run)
                .start(IndexWindow.everything(List.of("orders", "payments")), index, progress::add).outcome()
                .toCompletableFuture().join();

        assertThat(outcome.indexed()).isEqualTo(2);
        assertThat(outcome.completed()).isZero();
        assertThat(outcome.notes()).singleElement().asString().startsWith("The index is full at 2 events");
        assertThat(broker.cancelled).containsExactly("orders");
        assertThat(broker.requests).hasSize(2);
    }

    private static MessageBatch batch(long scanned, BrowsedMessage... messages) {
        return new MessageBatch(List.of(messages), scanned, scanned, -1);
    }

    private static BrowsedMessage event(String destination, long millis, String key) {
        return Events.in(destination).at(millis).header("correlation-id", key).message();
    }
}
