package dev.flowdeck.views.trace;

import static dev.flowdeck.views.trace.ScriptedTraces.T0;
import static dev.flowdeck.views.trace.ScriptedTraces.keyed;
import static dev.flowdeck.views.trace.ScriptedTraces.traced;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.browse.StartPosition;
import dev.flowdeck.core.trace.ChainEvent;
import dev.flowdeck.core.trace.DeadLetterReason;
import dev.flowdeck.core.trace.FlowEdge;
import dev.flowdeck.core.trace.StopPoint;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import dev.flowdeck.core.mask.MaskRule;
import dev.flowdeck.core.mask.Masking;
import dev.flowdeck.core.mask.MaskingSettings;
import dev.flowdeck.views.mask.ProfileMasking;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The trace view model over a scripted shop: orders → payments → shipping, one order dead-lettered from payments,
 * one that never reached shipping, and an untraced invoice joined by its correlation id. The UI executor is a
 * queue this thread drains, so the test thread plays the FX thread and indexing runs on a real thread.
 */
class TraceViewModelTest {

    static final String A = "0000000000000000000000000000aaaa";
    static final String C = "0000000000000000000000000000cccc";
    static final String D = "0000000000000000000000000000dddd";

    private final BlockingQueue<Runnable> ui = new LinkedBlockingQueue<>();
    private final ExecutorService indexing = Executors.newSingleThreadExecutor();
    private final ScriptedTraces shop = shop();
    private final Clock clock = Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC);

    @AfterEach
    void stop() {
        indexing.shutdownNow();
    }

    static ScriptedTraces shop() {
        return new ScriptedTraces()
                .topic("orders", traced("orders", 0, 0, "aaaa"), traced("orders", 1, 1_000, "bbbb", "correlation-id",
                        "ord-2"), traced("orders", 2, 2_000, "cccc"), traced("orders", 3, 3_000, "dddd"),
                        traced("orders", 4, 4_000, "eeee"))
                .topic("payments", traced("payments", 0, 100, "aaaa"), traced("payments", 1, 1_150, "bbbb"),
                        traced("payments", 2, 2_120, "cccc"), traced("payments", 3, 3_100, "dddd"),
                        traced("payments", 4, 4_100, "eeee"))
                .topic("payments-dlt", traced("payments-dlt", 0, 2_200, "cccc", "kafka_dlt-exception-fqcn",
                        "org.example.CardDeclined"))
                .topic("shipping", traced("shipping", 0, 300, "aaaa"), traced("shipping", 1, 1_400, "bbbb"),
                        traced("shipping", 2, 4_300, "eeee"))
                .topic("invoices", keyed("invoices", 0, 1_600, "ord-2"));
    }

    private TraceViewModel model(Map<String, String> properties) {
        var profile = ConnectionProfile.kafka("shop", "localhost:9092").withProperties(properties);
        return new TraceViewModel(shop, profile, ui::add, indexing, clock);
    }

    private TraceViewModel indexed(Map<String, String> properties) throws InterruptedException {
        var model = model(properties);
        model.index();
        runUiUntil(() -> !model.runningProperty().get());
        return model;
    }

    @Test
    void indexesEveryTopicButKafkasOwnOverTheLastHourAndFindsAChainByTraceId() throws Exception {
        var model = indexed(Map.of());

        assertThat(shop.requests).extracting(request -> request.destination())
                .containsExactly("orders", "payments", "payments-dlt", "shipping", "invoices");
        assertThat(shop.requests).extracting(request -> request.start())
                .containsOnly(new StartPosition.Timestamp(T0.plusSeconds(5).minus(Duration.ofHours(1))));
        assertThat(model.statusProperty().get())
                .isEqualTo("Indexed 15 events from 15 messages in 5 of 5 destinations.");
        assertThat(model.errorProperty().get()).isEmpty();

        model.search(A);
        assertThat(model.events()).extracting(ChainEvent::destination)
                .containsExactly("orders", "payments", "shipping");
        assertThat(model.chainProperty().get().hops()).extracting(hop -> hop.latency().toMillis())
                .containsExactly(100L, 200L);
        assertThat(model.stopProperty().get()).as("it went all the way").isNull();
        assertThat(model.traceUrlProperty().get()).as("no template, no link").isEmpty();
        assertThat(model.statusProperty().get()).isEqualTo("3 events in 3 destinations over 300 ms.");
    }

    @Test
    void aBusinessKeyFindsItsTraceAndTheUntracedEventsCarryingIt() throws Exception {
        var model = indexed(Map.of());

        model.search("ord-2");

        assertThat(model.events()).extracting(ChainEvent::destination)
                .containsExactly("orders", "payments", "shipping", "invoices");
        assertThat(model.events().getLast().traceId()).as("joined by its key").isEmpty();
    }

    @Test
    void aChainThatNeverReachedShippingSaysWhereItStoppedAndADeadLetterSaysWhy() throws Exception {
        var model = indexed(Map.of());

        model.search(D);
        StopPoint stop = model.stopProperty().get();
        assertThat(stop.stoppedAt()).isEqualTo("payments");
        assertThat(stop.expectedNext()).isEqualTo("shipping");
        assertThat(stop.overdue()).as("1.2 s waited against a p95 of 250 ms").isTrue();

        model.search(C);
        ChainEvent dead = model.events().getLast();
        assertThat(dead.destination()).isEqualTo("payments-dlt");
        assertThat(dead.deadLetter()).isTrue();
        assertThat(dead.reason()).contains(new DeadLetterReason("org.example.CardDeclined", ""));
        assertThat(model.statusProperty().get()).endsWith(", 1 dead-lettered.");
    }

    @Test
    void aChainIsFoundByItsRawTraceIdAndShownWithItMaskedAndItsReasonMaskedAndNoLink() throws Exception {
        var rules = new MaskingSettings(List.of(MaskRule.parse("header traceparent mask"),
                MaskRule.parse("header kafka_dlt-exception-fqcn hash")), false, false);
        var profile = ConnectionProfile.kafka("shop", "localhost:9092").withMasking(rules)
                .withProperties(Map.of(TraceViewModel.URL_TEMPLATE, "https://jaeger.example/trace/{traceId}"));
        var model = new TraceViewModel(shop, profile, ui::add, indexing, clock);
        model.useMasking(ProfileMasking.forSession(profile));
        model.index();
        runUiUntil(() -> !model.runningProperty().get());

        model.search(C);

        assertThat(model.events()).extracting(ChainEvent::destination)
                .containsExactly("orders", "payments", "payments-dlt");
        assertThat(model.events()).allSatisfy(event -> assertThat(event.traceId()).contains(Masking.MASKED));
        assertThat(model.chainProperty().get().traceId()).contains(Masking.MASKED);
        DeadLetterReason reason = model.events().getLast().reason().orElseThrow();
        assertThat(reason.exception()).startsWith("hash:").doesNotContain("CardDeclined");
        assertThat(model.traceUrlProperty().get()).as("a link would carry the raw id").isEmpty();
    }

    @Test
    void theFlowGraphIsLearnedFromTheWholeIndex() throws Exception {
        var model = indexed(Map.of());

        FlowEdge ordersToPayments = model.graphProperty().get().edge("orders", "payments").orElseThrow();
        assertThat(ordersToPayments.count()).isEqualTo(5);
        assertThat(ordersToPayments.p50()).isEqualTo(Duration.ofMillis(100));
        assertThat(ordersToPayments.p95()).isEqualTo(Duration.ofMillis(150));
        assertThat(model.graphProperty().get().edge("payments", "payments-dlt")).isPresent();
    }

    @Test
    void theTracingUiLinkComesFromTheProfilesTemplate() throws Exception {
        var model = indexed(Map.of(TraceViewModel.URL_TEMPLATE, "https://jaeger.example/trace/{traceId}"));

        model.search(A);
        assertThat(model.traceUrlProperty().get()).isEqualTo("https://jaeger.example/trace/" + A);

        model.search("nothing-like-it");
        assertThat(model.events()).isEmpty();
        assertThat(model.traceUrlProperty().get()).isEmpty();
        assertThat(model.statusProperty().get()).startsWith("No chain for nothing-like-it in the index (15 events)");
    }

    @Test
    void searchingBeforeAnyIndexBuildsOneAndThenAnswers() throws Exception {
        var model = model(Map.of());

        model.search(A);
        assertThat(model.runningProperty().get()).isTrue();
        assertThat(model.statusProperty().get()).startsWith("Indexing first; then looking for " + A);
        runUiUntil(() -> !model.runningProperty().get());

        assertThat(model.events()).extracting(ChainEvent::destination)
                .containsExactly("orders", "payments", "shipping");
    }

    @Test
    void namedDestinationsAreTheOnlyOnesRead() throws Exception {
        var model = model(Map.of());
        model.destinationsProperty().set(" payments , shipping,");
        model.spanProperty().set(IndexSpan.EVERYTHING);
        model.index();
        runUiUntil(() -> !model.runningProperty().get());

        assertThat(shop.requests).extracting(request -> request.destination()).containsExactly("payments", "shipping");
        assertThat(shop.requests).extracting(request -> request.start()).containsOnly(new StartPosition.Earliest());
    }

    @Test
    void cancellingKeepsWhatWasReadAndEndsTheBrowse() throws Exception {
        shop.holdOpen = "payments";
        var model = model(Map.of());
        model.index();
        // The destinations are read together: every batch indexed and the four others read to their end, payments'
        // browse still open: a cancel now ends a read in progress.
        runUiUntil(() -> model.progressProperty().get() == 0.8
                && model.progressTextProperty().get().endsWith(": 15 messages read, 15 events indexed"));
        assertThat(shop.holding.await(10, TimeUnit.SECONDS)).isTrue();

        model.cancel();
        runUiUntil(() -> !model.runningProperty().get());

        assertThat(shop.cancelled).isTrue();
        assertThat(shop.requests).extracting(request -> request.destination())
                .containsExactly("orders", "payments", "payments-dlt", "shipping", "invoices");
        assertThat(model.statusProperty().get())
                .isEqualTo("Indexed 15 events from 15 messages in 4 of 5 destinations (stopped: the index keeps what"
                        + " was read).");
        model.search(A);
        assertThat(model.events()).extracting(ChainEvent::destination)
                .containsExactly("orders", "payments", "shipping");
    }

    @Test
    void aCorrelationKeyLineThatDoesNotParseFallsBackToTheDefaultsAndSaysSo() throws Exception {
        var model = indexed(Map.of(TraceViewModel.CORRELATION_KEYS, "$.items[0]"));

        assertThat(model.notesProperty().get()).startsWith("The profile's correlation keys do not parse (");
        model.search("ord-2");
        assertThat(model.events()).hasSize(4);
    }

    @Test
    void allMeansTopicsAndOnlyQueuesABrowseLeavesAsTheyWere() {
        assertThat(TraceViewModel.indexable(List.of(new dev.flowdeck.core.broker.TopicSummary("__transaction_state",
                1, 1, 0), new dev.flowdeck.core.broker.TopicSummary("orders", 1, 1, 0)))).containsExactly("orders");
    }

    /** Plays the FX thread: runs what the view model posted until {@code done}, failing after 10 s of silence. */
    private void runUiUntil(BooleanSupplier done) throws InterruptedException {
        while (!done.getAsBoolean()) {
            Runnable next = ui.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("the view model posted nothing for 10 s").isNotNull();
            next.run();
        }
    }
}
