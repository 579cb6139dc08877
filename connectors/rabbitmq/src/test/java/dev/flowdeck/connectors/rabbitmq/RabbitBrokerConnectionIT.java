package dev.flowdeck.connectors.rabbitmq;

import dev.flowdeck.core.browse.BatchCollector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Credentials;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.ExchangeSummary;
import dev.flowdeck.core.broker.QueueSummary;
import dev.flowdeck.core.broker.QueueType;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageFetch;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.browse.PartitionOffsets;
import dev.flowdeck.core.browse.StartPosition;
import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.offsets.OffsetResetPlan;
import dev.flowdeck.core.offsets.OffsetResetTarget;
import dev.flowdeck.core.offsets.PartitionId;
import dev.flowdeck.core.offsets.PartitionReset;
import dev.flowdeck.core.publish.OutgoingMessage;
import dev.flowdeck.core.publish.ReadOnlyProfileException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The RabbitMQ connector against a private node: listing, the three queue types, publishing, errors. */
class RabbitBrokerConnectionIT {

    private static RabbitBrokerConnection connection;

    @BeforeAll
    static void open() {
        connection = RabbitBrokerConnection.open(TestRabbit.profile("rabbit"), Credentials.NONE);
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    @Test
    void describesTheNode() throws Exception {
        var overview = connection.describeCluster().toCompletableFuture().get(20, TimeUnit.SECONDS);

        assertThat(overview.version()).startsWith("RabbitMQ 3.").contains("Erlang");
        assertThat(overview.brokerCount()).isEqualTo(1);
        assertThat(overview.clusterId()).isNotBlank();
    }

    @Test
    void listsQueuesOfEveryTypeWithTheirDeadLetterSettingsAndExchangesWithBindings() throws Exception {
        String base = unique("shop");
        try (Channel channel = TestRabbit.channel()) {
            channel.exchangeDeclare(base + ".work", "topic", true);
            channel.queueDeclare(base + ".classic", true, false, false, Map.of(
                    "x-dead-letter-exchange", base + ".dlx", "x-message-ttl", 60_000, "x-max-length", 1_000));
            channel.queueDeclare(base + ".quorum", true, false, false, Map.of("x-queue-type", "quorum"));
            channel.queueDeclare(base + ".stream", true, false, false, Map.of("x-queue-type", "stream"));
            channel.queueBind(base + ".classic", base + ".work", "orders.*");
            for (int i = 0; i < 3; i++) {
                channel.basicPublish("", base + ".classic", null, bytes("m" + i));
            }
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<Destination> all = connection.listDestinations().toCompletableFuture().get(20, TimeUnit.SECONDS);
            QueueSummary classic = queue(all, base + ".classic");
            assertThat(classic.type()).isEqualTo(QueueType.CLASSIC);
            assertThat(classic.ready()).isEqualTo(3); // the management API's counts trail by a few seconds
            assertThat(classic.deadLetterExchange()).contains(base + ".dlx");
            assertThat(classic.messageTtlMs()).hasValue(60_000);
            assertThat(classic.maxLength()).hasValue(1_000);
            assertThat(queue(all, base + ".quorum").type()).isEqualTo(QueueType.QUORUM);
            assertThat(queue(all, base + ".stream").type()).isEqualTo(QueueType.STREAM);
            ExchangeSummary work = all.stream().filter(d -> d instanceof ExchangeSummary && d.name().equals(base + ".work"))
                    .map(ExchangeSummary.class::cast).findFirst().orElseThrow();
            assertThat(work.type()).isEqualTo("topic");
            assertThat(work.bindings()).containsExactly(
                    new ExchangeSummary.Binding(base + ".classic", "queue", "orders.*"));
        });
    }

    @Test
    void browsingAClassicQueueShowsEverythingAndRemovesNothing() throws Exception {
        browsingKeepsEveryMessage(Map.of());
    }

    @Test
    void browsingAQuorumQueueShowsEverythingAndRemovesNothing() throws Exception {
        browsingKeepsEveryMessage(Map.of("x-queue-type", "quorum"));
    }

    private void browsingKeepsEveryMessage(Map<String, Object> arguments) throws Exception {
        String queue = unique("browse");
        try (Channel channel = TestRabbit.channel()) {
            channel.queueDeclare(queue, true, false, false, arguments);
            for (int i = 0; i < 250; i++) {
                channel.basicPublish("", queue, new AMQP.BasicProperties.Builder()
                        .correlationId("corr-" + i).headers(Map.of("n", i)).build(), bytes("message " + i));
            }
            await().until(() -> channel.queueDeclarePassive(queue).getMessageCount() == 250);

            var first = BatchCollector.unbounded();
            connection.browse(BrowseRequest.fromBeginning(queue)).subscribe(first);
            first.done.get(30, TimeUnit.SECONDS);

            List<BrowsedMessage> seen = first.messages();
            assertThat(seen).hasSize(250);
            assertThat(seen.getFirst().properties()).containsEntry("correlation_id", "corr-0")
                    .containsEntry("routing_key", queue);
            assertThat(text(seen.getFirst().lastHeader("n").orElseThrow().value())).isEqualTo("0");
            assertThat(seen).noneMatch(BrowsedMessage::redelivered);
            assertThat(first.batches.getLast().total()).isEqualTo(250);
            // The queue process counts requeued messages a moment after the channel closed.
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> channel.queueDeclarePassive(queue).getMessageCount() == 250);

            // A second look finds the same messages, now flagged as redelivered: the price of a queue browse.
            var second = BatchCollector.unbounded();
            connection.browse(BrowseRequest.fromBeginning(queue)).subscribe(second);
            second.done.get(30, TimeUnit.SECONDS);
            assertThat(second.messages()).extracting(m -> text(m.value()))
                    .containsExactlyInAnyOrderElementsOf(seen.stream().map(m -> text(m.value())).toList());
            assertThat(second.messages()).allMatch(BrowsedMessage::redelivered);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> channel.queueDeclarePassive(queue).getMessageCount() == 250);
        }
    }

    @Test
    void aFilteredQueueBrowseDeliversMatchesAndStillHandsEverythingBack() throws Exception {
        String queue = unique("filtered");
        try (Channel channel = TestRabbit.channel()) {
            channel.queueDeclare(queue, true, false, false, null);
            for (int i = 0; i < 120; i++) {
                channel.basicPublish("", queue, null, bytes("{\"n\":" + i + "}"));
            }
            await().until(() -> channel.queueDeclarePassive(queue).getMessageCount() == 120);

            var collector = BatchCollector.unbounded();
            connection.browse(BrowseRequest.fromBeginning(queue)
                    .filteredBy(dev.flowdeck.core.filter.MessageFilter.Json.of("$.n >= 100"))).subscribe(collector);
            collector.done.get(30, TimeUnit.SECONDS);

            assertThat(collector.messages()).hasSize(20);
            assertThat(collector.batches.getLast().scanned()).isEqualTo(120);
            assertThat(collector.batches.getLast().matched()).isEqualTo(20);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> channel.queueDeclarePassive(queue).getMessageCount() == 120);
        }
    }

    @Test
    void aFilteredQueueBrowseWithALimitReadsOnUntilItFoundThatMany() throws Exception {
        String queue = unique("limited");
        try (Channel channel = TestRabbit.channel()) {
            channel.queueDeclare(queue, true, false, false, null);
            for (int i = 0; i < 600; i++) {
                channel.basicPublish("", queue, null, bytes("{\"n\":" + i + "}"));
            }
            await().until(() -> channel.queueDeclarePassive(queue).getMessageCount() == 600);

            // Matches are n = 250, 350, 450, 550: the first two lie beyond the first batch the browse reads.
            var collector = BatchCollector.unbounded();
            connection.browse(BrowseRequest.fromBeginning(queue).limitedTo(2)
                    .filteredBy(dev.flowdeck.core.filter.MessageFilter.Regex.of("\"n\":[2-5]50\\}")))
                    .subscribe(collector);
            collector.done.get(30, TimeUnit.SECONDS);

            assertThat(collector.messages()).extracting(m -> text(m.value())).containsExactly("{\"n\":250}",
                    "{\"n\":350}");
            assertThat(collector.batches.getLast().matched()).isEqualTo(2);
            assertThat(collector.batches.getLast().scanned()).as("read no further than the second match")
                    .isEqualTo(351);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> channel.queueDeclarePassive(queue).getMessageCount() == 600);
        }
    }

    @Test
    void aQueueBrowseStoppedByItsHoldingCapSaysSoAndHandsEverythingBack() throws Exception {
        String queue = unique("deep");
        long depth = QueueBrowse.HOLD_LIMIT + 500;
        try (Channel channel = TestRabbit.channel()) {
            channel.queueDeclare(queue, true, false, false, null);
            channel.confirmSelect();
            for (int i = 0; i < depth; i++) {
                channel.basicPublish("", queue, null, bytes("m" + i));
            }
            channel.waitForConfirmsOrDie(60_000);

            var capped = BatchCollector.unbounded();
            connection.browse(BrowseRequest.fromBeginning(queue)).subscribe(capped);
            capped.done.get(120, TimeUnit.SECONDS);

            assertThat(capped.messages()).hasSize((int) QueueBrowse.HOLD_LIMIT);
            assertThat(capped.batches.getLast().total()).isEqualTo(QueueBrowse.HOLD_LIMIT);
            assertThat(capped.batches).flatExtracting(batch -> batch.notes()).containsExactly(
                    "Read the first 10,000 of the 10,500 messages waiting in the queue: a queue browse holds what it "
                            + "reads, which its consumers cannot get meanwhile, so it stops at 10,000. To see further, "
                            + "browse its dead-letter queue, or bind a stream to the same exchange and browse that.");
            // The broker requeues 10,000 messages after the browse hands them back: seconds on a busy machine.
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> channel.queueDeclarePassive(queue).getMessageCount() == depth);

            // A browse that finds what it was asked for before the cap has nothing to say about it.
            var few = BatchCollector.unbounded();
            connection.browse(BrowseRequest.fromBeginning(queue).limitedTo(3)).subscribe(few);
            few.done.get(30, TimeUnit.SECONDS);
            assertThat(few.messages()).hasSize(3);
            assertThat(few.batches).allMatch(batch -> batch.notes().isEmpty());
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> channel.queueDeclarePassive(queue).getMessageCount() == depth);
        }
    }

    @Test
    void cancellingAQueueBrowseHandsEveryHeldMessageBack() throws Exception {
        String queue = unique("cancel");
        try (Channel channel = TestRabbit.channel()) {
            channel.queueDeclare(queue, true, false, false, null);
            for (int i = 0; i < 500; i++) {
                channel.basicPublish("", queue, null, bytes("m" + i));
            }
            await().until(() -> channel.queueDeclarePassive(queue).getMessageCount() == 500);

            var collector = new BatchCollector(1);
            connection.browse(BrowseRequest.fromBeginning(queue)).subscribe(collector);
            await().atMost(Duration.ofSeconds(20)).until(() -> collector.batches.size() == 1);
            assertThat(channel.queueDeclarePassive(queue).getMessageCount()).as("held by the browse").isEqualTo(300);

            collector.cancel();

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> channel.queueDeclarePassive(queue).getMessageCount() == 500);
        }
    }

    @Test
    void refusesToBrowseQueuesWhereHandingMessagesBackCouldLoseThem() throws Exception {
        String capped = unique("capped");
        String expiring = unique("expiring");
        try (Channel channel = TestRabbit.channel()) {
            channel.queueDeclare(capped, true, false, false, Map.of("x-max-length", 10));
            channel.queueDeclare(expiring, true, false, false, Map.of("x-message-ttl", 30_000));
            channel.basicPublish("", capped, null, bytes("keep me"));
            await().until(() -> channel.queueDeclarePassive(capped).getMessageCount() == 1);

            var cappedBrowse = BatchCollector.unbounded();
            connection.browse(BrowseRequest.fromBeginning(capped)).subscribe(cappedBrowse);
            assertThatThrownBy(() -> cappedBrowse.done.get(15, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(BrokerException.class)
                    .hasMessageStartingWith("Flowdeck will not browse queue '" + capped + "': it has a maximum length");
            var expiringBrowse = BatchCollector.unbounded();
            connection.browse(BrowseRequest.fromBeginning(expiring)).subscribe(expiringBrowse);
            assertThatThrownBy(() -> expiringBrowse.done.get(15, TimeUnit.SECONDS)).cause()
                    .hasMessageContaining("its messages expire after 30000 ms");
            assertThat(channel.queueDeclarePassive(capped).getMessageCount()).as("nothing was taken").isEqualTo(1);
        }
    }

    @Test
    void aStreamIsReadByOffsetWithoutSideEffects() throws Exception {
        String stream = unique("stream");
        try (Channel channel = TestRabbit.channel()) {
            channel.queueDeclare(stream, true, false, false, Map.of("x-queue-type", "stream"));
            channel.confirmSelect();
            for (int i = 0; i < 30; i++) {
                channel.basicPublish("", stream, null, bytes("s" + i));
            }
            channel.waitForConfirmsOrDie(10_000);
        }

        var all = BatchCollector.unbounded();
        connection.browse(BrowseRequest.fromBeginning(stream)).subscribe(all);
        all.done.get(30, TimeUnit.SECONDS);
        assertThat(all.messages()).extracting(BrowsedMessage::offset).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, 30).boxed().toList());
        assertThat(all.messages()).noneMatch(BrowsedMessage::redelivered);

        var tail = BatchCollector.unbounded();
        connection.browse(new BrowseRequest(stream, new StartPosition.Offset(20), Set.of(), false)).subscribe(tail);
        tail.done.get(30, TimeUnit.SECONDS);
        assertThat(tail.messages()).extracting(m -> text(m.value()))
                .containsExactly("s20", "s21", "s22", "s23", "s24", "s25", "s26", "s27", "s28", "s29");

        // A stream seeks by offset, so one message can be fetched again in full.
        assertThat(MessageFetch.at(connection, stream, 0, 7).toCompletableFuture().get(30, TimeUnit.SECONDS))
                .get().extracting(m -> text(m.value())).isEqualTo("s7");
    }

    @Test
    void aStreamBrowseEndsWhereTheStreamEndedWhenItBeganThoughMessagesKeepComing() throws Exception {
        String stream = unique("busy");
        int present = 2_000;
        try (Channel channel = TestRabbit.channel()) {
            channel.queueDeclare(stream, true, false, false, Map.of("x-queue-type", "stream"));
            channel.confirmSelect();
            for (int i = 0; i < present; i++) {
                channel.basicPublish("", stream, null, bytes("s" + i));
            }
            channel.waitForConfirmsOrDie(30_000);
        }
        // Appends every few milliseconds, so the stream is never quiet for the second the old end waited for.
        var appended = new java.util.concurrent.atomic.AtomicLong(present);
        var publisher = Executors.newSingleThreadScheduledExecutor(); // one thread: the channel stays on it
        Channel appending = TestRabbit.channel();
        appending.confirmSelect();
        publisher.scheduleWithFixedDelay(() -> {
            try {
                appending.basicPublish("", stream, null, bytes("s" + appended.get()));
                appending.waitForConfirmsOrDie(5_000);
                appended.incrementAndGet();
            } catch (Exception e) {
                throw new IllegalStateException(e); // ends the schedule; the counts below then fail
            }
        }, 0, 5, TimeUnit.MILLISECONDS);
        try {
            await().until(() -> appended.get() > present + 20);
            long beforeBrowse = appended.get();

            var all = BatchCollector.unbounded();
            connection.browse(BrowseRequest.fromBeginning(stream)).subscribe(all);
            all.done.get(20, TimeUnit.SECONDS);
            long afterBrowse = appended.get();

            List<Long> offsets = all.messages().stream().map(BrowsedMessage::offset).toList();
            assertThat(offsets).as("everything there when it began, in order")
                    .startsWith(java.util.stream.LongStream.range(0, beforeBrowse).boxed().toArray(Long[]::new));
            assertThat(offsets).as("and nothing after that").hasSizeLessThan((int) afterBrowse)
                    .isEqualTo(java.util.stream.LongStream.range(0, offsets.size()).boxed().toList());
            assertThat(all.batches.getLast().total()).as("offsets from the first to the end")
                    .isBetween(beforeBrowse, (long) offsets.size());

            // A live tail keeps following the same stream.
            var tail = BatchCollector.unbounded();
            connection.browse(new BrowseRequest(stream, new StartPosition.Offset(afterBrowse), Set.of(), true))
                    .subscribe(tail);
            await().atMost(Duration.ofSeconds(20)).until(() -> tail.messages().size() >= 200);
            assertThat(tail.done).isNotDone();
            tail.cancel();
        } finally {
            publisher.shutdown();
            publisher.awaitTermination(10, TimeUnit.SECONDS);
            appending.close();
        }
    }

    @Test
    void aQueueIsOnePartitionHoldingItsDepth() throws Exception {
        String queue = unique("depth");
        try (Channel channel = TestRabbit.channel()) {
            channel.queueDeclare(queue, true, false, false, Map.of());
            for (int i = 0; i < 12; i++) {
                channel.basicPublish("", queue, null, bytes("m" + i));
            }
        }
        // The management API refreshes its counts every few seconds.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(connection.partitionOffsets(queue).toCompletableFuture().get(10, TimeUnit.SECONDS))
                        .containsExactly(new PartitionOffsets(0, 0, 12)));
        assertThatThrownBy(() -> connection.partitionOffsets("no-such-queue").toCompletableFuture()
                .get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(BrokerException.class).hasMessageContaining("'no-such-queue' does not exist");
    }

    @Test
    void aQueueIsTheGroupOfItsConsumersWithItsDeadLetterQueueInItsState() throws Exception {
        String queue = unique("lag");
        String dlx = queue + ".dlx";
        String dlq = queue + ".dlq";
        try (Channel channel = TestRabbit.channel()) {
            channel.exchangeDeclare(dlx, "fanout", true);
            channel.queueDeclare(dlq, true, false, false, Map.of());
            channel.queueBind(dlq, dlx, "");
            channel.queueDeclare(queue, true, false, false, Map.of("x-dead-letter-exchange", dlx));
            channel.confirmSelect();
            for (int i = 0; i < 10; i++) {
                channel.basicPublish("", queue, null, bytes("m" + i));
            }
            channel.waitForConfirms(5_000);
            for (int i = 0; i < 4; i++) { // four done with, one rejected into the dead-letter queue
                var message = channel.basicGet(queue, false);
                channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
            }
            var rejected = channel.basicGet(queue, false);
            channel.basicReject(rejected.getEnvelope().getDeliveryTag(), false);
        }
        // The management API refreshes its counters every few seconds.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerGroupLag> groups = connection.consumerGroups().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(groups).extracting(ConsumerGroupLag::group).contains(queue).doesNotContain(dlq);
            ConsumerGroupLag lag = groups.stream().filter(g -> g.group().equals(queue)).findFirst().orElseThrow();
            assertThat(lag.members()).isZero();
            assertThat(lag.totalLag()).isEqualTo(5);
            assertThat(lag.partitions().getFirst().committed()).isEqualTo(4);
            assertThat(lag.state()).startsWith("running · 5 ready, 0 unacked · delivering ")
                    .endsWith(" · 1 dead-lettered in " + dlq);
        });
    }

    @Test
    void deadLettersCarryXDeathAsStructuredJson() throws Exception {
        String base = unique("dlx");
        try (Channel channel = TestRabbit.channel()) {
            channel.exchangeDeclare(base + ".dlx", "fanout", true);
            channel.queueDeclare(base + ".dlq", true, false, false, null);
            channel.queueBind(base + ".dlq", base + ".dlx", "");
            channel.queueDeclare(base + ".work", true, false, false, Map.of("x-dead-letter-exchange", base + ".dlx"));
            channel.basicPublish("", base + ".work", new AMQP.BasicProperties.Builder()
                    .headers(Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                    .build(), bytes("{\"orderId\":\"ord-1\"}"));
            await().until(() -> channel.queueDeclarePassive(base + ".work").getMessageCount() == 1);
            var rejected = channel.basicGet(base + ".work", false);
            channel.basicReject(rejected.getEnvelope().getDeliveryTag(), false);
            await().until(() -> channel.queueDeclarePassive(base + ".dlq").getMessageCount() == 1);
        }

        var collector = BatchCollector.unbounded();
        connection.browse(BrowseRequest.fromBeginning(base + ".dlq")).subscribe(collector);
        collector.done.get(30, TimeUnit.SECONDS);

        BrowsedMessage deadLetter = collector.messages().getFirst();
        String xDeath = text(deadLetter.lastHeader("x-death").orElseThrow().value());
        var death = new com.fasterxml.jackson.databind.ObjectMapper().readTree(xDeath).get(0);
        assertThat(death.get("reason").asText()).isEqualTo("rejected");
        assertThat(death.get("queue").asText()).isEqualTo(base + ".work");
        assertThat(death.get("count").asLong()).isEqualTo(1);
        assertThat(text(deadLetter.lastHeader("x-first-death-reason").orElseThrow().value())).isEqualTo("rejected");
        assertThat(text(deadLetter.lastHeader("traceparent").orElseThrow().value())).startsWith("00-0af7");
    }

    @Test
    void publishesWithConfirmsAndRefusesWhatNoQueueTakes() throws Exception {
        String base = unique("publish");
        try (Channel channel = TestRabbit.channel()) {
            channel.exchangeDeclare(base + ".x", "direct", true);
            channel.queueDeclare(base + ".q", true, false, false, null);
            channel.queueBind(base + ".q", base + ".x", "payments");

            var message = new OutgoingMessage(base + ".x", OptionalInt.empty(), bytes("payments"),
                    bytes("{\"ok\":true}"), List.of(new MessageHeader("replay-count", bytes("1"))),
                    Map.of("correlation_id", "c-9", "content_type", "application/json"));
            var receipt = connection.publish(message).toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertThat(receipt.destination()).isEqualTo(base + ".x");

            var stored = channel.basicGet(base + ".q", true);
            assertThat(text(stored.getBody())).isEqualTo("{\"ok\":true}");
            assertThat(stored.getProps().getCorrelationId()).isEqualTo("c-9");
            assertThat(stored.getProps().getContentType()).isEqualTo("application/json");
            assertThat(stored.getProps().getHeaders().get("replay-count").toString()).isEqualTo("1");

            var unroutable = new OutgoingMessage(base + ".x", OptionalInt.empty(), bytes("nowhere"), bytes("x"),
                    List.of());
            assertThatThrownBy(() -> connection.publish(unroutable).toCompletableFuture().get(20, TimeUnit.SECONDS))
                    .cause().isInstanceOf(BrokerException.class).hasMessageStartingWith("No queue took the message");
        }
    }

    @Test
    void aReadOnlyProfileRefusesToPublish() {
        try (var readOnly = RabbitBrokerConnection.open(TestRabbit.profile("prod").asReadOnly(), Credentials.NONE)) {
            var message = new OutgoingMessage("", OptionalInt.empty(), bytes("q"), bytes("x"), List.of());
            assertThatThrownBy(() -> readOnly.publish(message).toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .cause().isInstanceOf(ReadOnlyProfileException.class)
                    .hasMessage("The profile 'prod' is read-only: publishing to exchange '' is refused.");
        }
    }

    @Test
    void offsetResetsAreRefusedWithTheReasonQueuesHaveNoOffsets() {
        var plan = new OffsetResetPlan("billing", OffsetResetTarget.EARLIEST,
                List.of(new PartitionReset(new PartitionId("orders", 0), 5, 0, 10)));

        assertThatThrownBy(() -> connection.previewOffsetReset("billing", OffsetResetTarget.EARLIEST)
                .toCompletableFuture().get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(BrokerException.class)
                .hasMessageStartingWith("RabbitMQ queues have no offsets to reset: a queue forgets a message once");
        assertThatThrownBy(() -> connection.resetOffsets(plan).toCompletableFuture().get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(BrokerException.class)
                .hasMessageStartingWith("RabbitMQ queues have no offsets to reset");
    }

    @Test
    void wrongCredentialsUnknownQueuesAndDeadPortsEachSaySo() throws Exception {
        try (var wrong = RabbitBrokerConnection.open(TestRabbit.profile("wrong"), new Credentials("guest", "nope"))) {
            assertThatThrownBy(() -> wrong.describeCluster().toCompletableFuture().get(15, TimeUnit.SECONDS))
                    .cause().isInstanceOf(BrokerException.class).hasMessageContaining("refused the credentials");
            var collector = BatchCollector.unbounded();
            wrong.browse(BrowseRequest.fromBeginning("anything")).subscribe(collector);
            assertThatThrownBy(() -> collector.done.get(15, TimeUnit.SECONDS))
                    .cause().hasMessageContaining("refused the credentials");
        }

        var missing = BatchCollector.unbounded();
        connection.browse(BrowseRequest.fromBeginning("no-such-queue")).subscribe(missing);
        assertThatThrownBy(() -> missing.done.get(15, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().hasMessage("Queue 'no-such-queue' does not exist in vhost '/' on 127.0.0.1:"
                        + TestRabbit.node().amqpPort() + ".");

        int deadPort;
        try (var socket = new java.net.ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        var nowhere = ConnectionProfile.rabbitMq("nowhere", "amqp://127.0.0.1:" + deadPort + "/")
                .withProperties(Map.of("management.url", "http://127.0.0.1:" + deadPort + "/api/"));
        try (var dead = RabbitBrokerConnection.open(nowhere, Credentials.NONE)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> dead.describeCluster().toCompletableFuture().get(15, TimeUnit.SECONDS))
                    .cause().isInstanceOf(BrokerException.class).hasMessageStartingWith("No answer from the management API at http://127.0.0.1:" + deadPort);
        }
    }

    private static QueueSummary queue(List<Destination> all, String name) {
        return all.stream().filter(d -> d instanceof QueueSummary && d.name().equals(name))
                .map(QueueSummary.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no queue " + name));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
