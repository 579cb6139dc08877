package dev.flowdeck.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.browse.PartitionOffsets;
import dev.flowdeck.core.trace.Chain;
import dev.flowdeck.core.trace.ChainEvent;
import dev.flowdeck.core.trace.ChainIndex;
import dev.flowdeck.core.trace.CorrelationKeys;
import dev.flowdeck.core.trace.FlowEdge;
import dev.flowdeck.core.trace.IndexOutcome;
import dev.flowdeck.core.trace.IndexWindow;
import dev.flowdeck.core.trace.Indexer;
import dev.flowdeck.core.trace.StopPoint;
import dev.flowdeck.core.trace.TraceFormat;
import dev.flowdeck.sandbox.ShopTopology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's shop, indexed as an operator would: its traffic runs until every dead-letter topic holds a letter,
 * then all its topics are scanned (in the reverse of the flow, so order cannot come from the scan) and every chain
 * is checked against what the shop is known to do.
 */
class TraceChainsIT {

    private static final CorrelationKeys KEYS = CorrelationKeys.parse("correlation-id, $.orderId");
    private static final String WRAPPER = "org.springframework.kafka.listener.ListenerExecutionFailedException";

    private static ExecutorService worker;
    private static KafkaBrokerConnection connection;
    private static ChainIndex index;
    private static IndexOutcome outcome;

    @BeforeAll
    static void indexTheShop() throws Exception {
        String bootstrap = TestSandbox.get().bootstrapServers();
        worker = Executors.newFixedThreadPool(2);
        connection = KafkaBrokerConnection.open(ConnectionProfile.kafka("sandbox", bootstrap), worker);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> ShopTopology.DEAD_LETTER_TOPICS.stream().allMatch(TraceChainsIT::holdsRecords));

        index = new ChainIndex(KEYS);
        List<String> reversed = new ArrayList<>(ShopTopology.allTopics());
        java.util.Collections.reverse(reversed);
        outcome = new Indexer(connection, worker).start(IndexWindow.everything(reversed), index, progress -> { })
                .outcome().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void close() {
        connection.close();
        worker.shutdownNow();
    }

    @Test
    void everyEventIsTracedAndEveryChainFollowsTheShopsFlowInOrder() {
        assertThat(outcome.cancelled()).isFalse();
        assertThat(outcome.completed()).isEqualTo(ShopTopology.allTopics().size());
        assertThat(outcome.indexed()).isEqualTo(outcome.scanned()).isPositive();
        assertThat(index.tally().malformed()).isZero();
        assertThat(index.tally().found(TraceFormat.W3C)).isEqualTo(outcome.scanned());

        List<Chain> chains = new ArrayList<>();
        index.forEachChain(chains::add);
        assertThat(chains).hasSizeGreaterThan(50);
        for (Chain chain : chains) {
            List<String> flow = chain.events().stream().filter(event -> !event.deadLetter())
                    .map(ChainEvent::destination).toList();
            // Orders were scanned last, from the beginning: every chain has its order.
            assertThat(flow).as("chain %s", chain.path())
                    .isEqualTo(ShopTopology.EVENT_TOPICS.subList(0, flow.size()));
            assertThat(chain.hops()).allSatisfy(hop -> assertThat(hop.latency()).isGreaterThanOrEqualTo(Duration.ZERO));
            assertThat(chain.events()).extracting(event -> event.traceId().orElseThrow()).containsOnly(
                    chain.traceId().orElseThrow());
        }
    }

    @Test
    void deadLettersEndTheirChainRightAfterTheTopicTheyFailedInWithSpringsException() {
        List<Chain> deadLettered = new ArrayList<>();
        index.forEachChain(chain -> {
            if (!chain.deadLetters().isEmpty()) {
                deadLettered.add(chain);
            }
        });

        assertThat(deadLettered).extracting(chain -> chain.last().destination()).containsAll(
                ShopTopology.DEAD_LETTER_TOPICS);
        for (Chain chain : deadLettered) {
            List<String> path = chain.path();
            ChainEvent letter = chain.last();
            assertThat(chain.deadLetters()).as("chain %s", path).containsExactly(letter);
            String failedIn = path.get(path.size() - 2);
            assertThat(letter.destination()).isEqualTo(ShopTopology.deadLetterTopic(failedIn));
            assertThat(letter.reason()).hasValueSatisfying(reason -> {
                assertThat(reason.exception()).isEqualTo(WRAPPER);
                assertThat(reason.cause()).isNotBlank();
            });
            StopPoint stop = index.flowGraph().stopOf(chain, index.newest()).orElseThrow();
            assertThat(stop.stoppedAt()).isEqualTo(failedIn);
        }
    }

    @Test
    void theLearnedFlowHasExactlyTheShopsEdges() {
        Set<String> expected = new java.util.HashSet<>();
        for (int i = 1; i < ShopTopology.EVENT_TOPICS.size(); i++) {
            expected.add(ShopTopology.EVENT_TOPICS.get(i - 1) + " -> " + ShopTopology.EVENT_TOPICS.get(i));
        }
        for (String topic : List.of(ShopTopology.ORDERS, ShopTopology.PAYMENTS, ShopTopology.INVENTORY,
                ShopTopology.SHIPMENTS)) {
            expected.add(topic + " -> " + ShopTopology.deadLetterTopic(topic));
        }

        List<FlowEdge> edges = index.flowGraph().edges();

        assertThat(edges.stream().map(edge -> edge.from() + " -> " + edge.to()).collect(Collectors.toSet()))
                .isEqualTo(expected);
        assertThat(edges).allSatisfy(edge -> assertThat(edge.p95()).isGreaterThanOrEqualTo(edge.p50()));
        assertThat(index.flowGraph().usualNext(ShopTopology.ORDERS)).map(FlowEdge::to).contains(ShopTopology.PAYMENTS);
    }

    @Test
    void anUntracedEventIsJoinedToItsOrdersChainByTheOrderId() throws Exception {
        String bootstrap = TestSandbox.get().bootstrapServers();
        String refunds = "refunds-" + UUID.randomUUID();
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             var producer = new KafkaProducer<String, String>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            admin.createTopics(List.of(new NewTopic(refunds, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            // A service without instrumentation: no traceparent, no correlation header, only the order id.
            producer.send(new ProducerRecord<>(refunds, "ord-0000003",
                    "{\"type\":\"RefundRequested\",\"orderId\":\"ord-0000003\"}")).get(30, TimeUnit.SECONDS);
        }
        var joined = new ChainIndex(KEYS);
        new Indexer(connection, worker).start(IndexWindow.everything(List.of(ShopTopology.ORDERS, refunds)), joined,
                progress -> { }).outcome().toCompletableFuture().get(60, TimeUnit.SECONDS);

        String trace = joined.byKey("ord-0000003").orElseThrow().traceId().orElseThrow();
        Chain chain = joined.byTraceId(trace).orElseThrow();

        assertThat(chain.path()).containsExactly(ShopTopology.ORDERS, refunds);
        assertThat(chain.last().traceId()).isEmpty();
        assertThat(joined.tally().withoutContext()).isEqualTo(1);
    }

    private static boolean holdsRecords(String topic) {
        return connection.partitionOffsets(topic).toCompletableFuture().join().stream()
                .mapToLong(PartitionOffsets::count).sum() > 0;
    }
}
