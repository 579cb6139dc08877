package dev.flowdeck.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A small shop: orders → payments → inventory → shipments → notifications, fed to the index out of order (as a
 * scan reads one destination after another), with a dead letter, an untraced event and a stalled order.
 */
class ChainIndexTest {

    private static final List<String> FLOW = List.of("orders", "payments", "inventory", "shipments", "notifications");
    private static final CorrelationKeys KEYS = CorrelationKeys.parse("correlation-id, $.orderId");

    private final ChainIndex index = new ChainIndex(KEYS);

    @Test
    void rebuildsAChainInTimeOrderWithItsHopLatencies() {
        List<BrowsedMessage> fed = new ArrayList<>(fullOrder("a1", "ord-1", 0));
        Collections.reverse(fed);
        fed.forEach(index::add);

        Chain chain = index.byTraceId("a1".repeat(16)).orElseThrow();

        assertThat(chain.path()).isEqualTo(FLOW);
        assertThat(chain.hops()).extracting(Hop::latency).containsExactly(Duration.ofMillis(10),
                Duration.ofMillis(20), Duration.ofMillis(30), Duration.ofMillis(40));
        assertThat(chain.traceId()).contains("a1".repeat(16));
        assertThat(chain.span()).isEqualTo(Duration.ofMillis(100));
        assertThat(index.byKey("ord-1")).contains(chain);
        assertThat(index.byTraceId("A1".repeat(16))).contains(chain);
    }

    @Test
    void marksTheDeadLetterBranchWithItsExceptionFromSpringHeaders() {
        index.add(order("b2", "ord-2", "orders", 0));
        index.add(Events.in("payments-dlt").at(25).traced("b2".repeat(16), 1)
                .header("correlation-id", "corr-ord-2")
                .header("kafka_dlt-exception-fqcn",
                        "org.springframework.kafka.listener.ListenerExecutionFailedException")
                .header("kafka_dlt-exception-cause-fqcn", "java.lang.IllegalStateException")
                .payload("{\"orderId\":\"ord-2\"}").message());
        index.add(order("b2", "ord-2", "payments", 10));

        Chain chain = index.byKey("corr-ord-2").orElseThrow();

        assertThat(chain.path()).containsExactly("orders", "payments", "payments-dlt");
        assertThat(chain.hops().get(1).intoDeadLetter()).isTrue();
        assertThat(chain.deadLetters()).singleElement().satisfies(dead -> assertThat(dead.reason()).contains(
                new DeadLetterReason("org.springframework.kafka.listener.ListenerExecutionFailedException",
                        "java.lang.IllegalStateException")));
        assertThat(chain.first().deadLetter()).isFalse();
    }

    @Test
    void readsARabbitMqDeadLetterReasonFromXDeath() {
        index.add(Events.in("orders.dlq").header("correlation-id", "c-9")
                .header("x-death", "[{\"count\":1,\"reason\":\"rejected\",\"queue\":\"orders\"}]").message());

        assertThat(index.byKey("c-9").orElseThrow().last().reason())
                .contains(new DeadLetterReason("rejected", ""));
    }

    @Test
    void joinsEventsWithoutTraceContextByTheirCorrelationKey() {
        fullOrder("c3", "ord-3", 0).stream().limit(3).forEach(index::add);
        // The shipping service is not instrumented: its event has no traceparent, only the order id.
        index.add(Events.in("shipments").at(70).payload("{\"orderId\":\"ord-3\"}").message());
        // A refund traced in a trace of its own names the order too: a key joins only untraced events to a trace.
        index.add(order("d4", "ord-3", "refunds", 200));

        Chain chain = index.byTraceId("c3".repeat(16)).orElseThrow();

        assertThat(chain.path()).containsExactly("orders", "payments", "inventory", "shipments");
        assertThat(chain.last().traceId()).isEmpty();
        // Asked by the key, every event carrying it answers, with the rest of their traces.
        assertThat(index.byKey("ord-3").orElseThrow().path())
                .containsExactly("orders", "payments", "inventory", "shipments", "refunds");
    }

    @Test
    void untracedEventsAloneMakeAChainByTheirKey() {
        index.add(Events.in("payments").at(9).properties(java.util.Map.of()).header("correlation-id", "k").message());
        index.add(Events.in("orders").at(1).header("correlation-id", "k").message());

        assertThat(index.byKey("k").orElseThrow().path()).containsExactly("orders", "payments");
        List<Chain> all = new ArrayList<>();
        index.forEachChain(all::add);
        assertThat(all).extracting(Chain::path).containsExactly(List.of("orders", "payments"));
    }

    @Test
    void learnsTheFlowAndFlagsWhereAChainStoppedShortOfIt() {
        for (int order = 0; order < 4; order++) {
            fullOrder("e" + order, "ord-e" + order, order * 1_000L).forEach(index::add);
        }
        // Stalled after inventory: shipments never came.
        fullOrder("f5", "ord-f5", 10_000).stream().limit(3).forEach(index::add);
        // Dead-lettered at payments.
        index.add(order("f6", "ord-f6", "orders", 20_000));
        index.add(order("f6", "ord-f6", "payments-dlt", 20_007));

        FlowGraph graph = index.flowGraph();

        assertThat(graph.edges()).extracting(edge -> edge.from() + ">" + edge.to()).containsExactlyInAnyOrder(
                "orders>payments", "payments>inventory", "inventory>shipments", "shipments>notifications",
                "orders>payments-dlt");
        assertThat(graph.edge("orders", "payments").orElseThrow().count()).isEqualTo(5);
        assertThat(graph.edge("inventory", "shipments").orElseThrow().p95()).isEqualTo(Duration.ofMillis(30));

        Chain stalled = index.byKey("ord-f5").orElseThrow();
        StopPoint stop = graph.stopOf(stalled, index.newest()).orElseThrow();
        assertThat(stop.stoppedAt()).isEqualTo("inventory");
        assertThat(stop.expectedNext()).isEqualTo("shipments");
        assertThat(stop.shareThatContinue()).isEqualTo(0.8);
        assertThat(stop.overdue()).isTrue();

        StopPoint deadLettered = graph.stopOf(index.byKey("ord-f6").orElseThrow(), index.newest()).orElseThrow();
        assertThat(deadLettered.stoppedAt()).isEqualTo("orders");
        assertThat(deadLettered.expectedNext()).isEqualTo("payments");

        assertThat(graph.stopOf(index.byKey("ord-e2").orElseThrow(), index.newest())).isEmpty();
    }

    @Test
    void aRecentStopIsNotYetOverdue() {
        for (int order = 0; order < 3; order++) {
            fullOrder("e" + order, "ord-e" + order, order * 1_000L).forEach(index::add);
        }
        index.add(order("f7", "ord-f7", "orders", 3_000));
        index.add(Events.in("orders").at(3_005).header("correlation-id", "other").message());

        StopPoint stop = index.flowGraph().stopOf(index.byKey("ord-f7").orElseThrow(), index.newest()).orElseThrow();
        assertThat(stop.expectedNext()).isEqualTo("payments");
        assertThat(stop.overdue()).isFalse();
        assertThat(stop.waited()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void stopsAtItsCapacityAndSaysSoOnce() {
        var small = new ChainIndex(KEYS, 3);

        assertThat(small.add(new MessageBatch(fullOrder("a9", "ord-9", 0), 5, 5, 5))).isFalse();

        assertThat(small.size()).isEqualTo(3);
        assertThat(small.isFull()).isTrue();
        assertThat(small.add(order("a9", "ord-9", "orders", 1))).isFalse();
        assertThat(small.notes()).singleElement().asString().startsWith("The index is full at 3 events");
        assertThat(small.byTraceId("a9".repeat(16)).orElseThrow().path())
                .containsExactly("orders", "payments", "inventory");
    }

    @Test
    void eventsWithNeitherTraceNorKeyTakeNoRowAndUnknownIdsFindNothing() {
        index.add(Events.in("orders").header("traceparent", "00-garbage").message());

        assertThat(index.size()).isZero();
        assertThat(index.tally().malformed()).isEqualTo(1);
        assertThat(index.byTraceId("zz".repeat(16))).isEmpty();
        assertThat(index.byTraceId("abc")).isEmpty();
        assertThat(index.byKey("nothing")).isEmpty();
    }

    @Test
    void manyInterleavedOrdersEachComeBackWhole() {
        List<BrowsedMessage> all = new ArrayList<>();
        for (int order = 0; order < 2_000; order++) {
            all.addAll(fullOrder("%032x".formatted(order + 1), "ord-" + order, order * 3L));
        }
        Collections.shuffle(all, new Random(17));
        all.forEach(index::add);

        for (int order = 0; order < 2_000; order += 97) {
            assertThat(index.byKey("ord-" + order).orElseThrow().path()).isEqualTo(FLOW);
        }
        assertThat(index.size()).isEqualTo(10_000);
        assertThat(index.bytes()).isLessThan(10_000L * 200);
        assertThat(index.flowGraph().edges()).hasSize(4);
    }

    /** Five events of one order, 10, 20, 30 and 40 ms apart. */
    private static List<BrowsedMessage> fullOrder(String trace, String orderId, long start) {
        List<BrowsedMessage> events = new ArrayList<>();
        long at = start;
        for (int hop = 0; hop < FLOW.size(); hop++) {
            at += hop * 10L;
            events.add(order(trace, orderId, FLOW.get(hop), at));
        }
        return events;
    }

    private static BrowsedMessage order(String trace, String orderId, String destination, long at) {
        String traceId = trace.length() == 32 ? trace : trace.repeat(32 / trace.length());
        return Events.in(destination).at(at).offset(at).traced(traceId, (int) at + 1)
                .header("correlation-id", "corr-" + orderId)
                .payload("{\"type\":\"Event\",\"orderId\":\"" + orderId + "\"}").message();
    }
}
