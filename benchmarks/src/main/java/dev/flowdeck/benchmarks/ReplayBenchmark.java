package dev.flowdeck.benchmarks;

import dev.flowdeck.core.audit.AuditEntry;
import dev.flowdeck.core.audit.AuditLog;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.concurrent.NamedThreadFactory;
import dev.flowdeck.core.deadletter.DeadLetterDecoder;
import dev.flowdeck.core.publish.OutgoingMessage;
import dev.flowdeck.replay.DeadLetterHeaders;
import dev.flowdeck.replay.DeadLetterSource;
import dev.flowdeck.replay.EventIdentity;
import dev.flowdeck.replay.EventOutcome;
import dev.flowdeck.replay.JournalHistory;
import dev.flowdeck.replay.PlannedEvent;
import dev.flowdeck.replay.ReplayJournal;
import dev.flowdeck.replay.ReplayMode;
import dev.flowdeck.replay.ReplayOptions;
import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replay.ReplayPlanner;
import dev.flowdeck.replay.ReplayReport;
import dev.flowdeck.replay.ReplayRunner;
import dev.flowdeck.replay.ReplaySelection;
import dev.flowdeck.replay.ReplayTarget;
import dev.flowdeck.replay.SelectedEvent;
import dev.flowdeck.replayconnect.BrowseReadBack;
import dev.flowdeck.replayconnect.ConnectionPublisher;
import dev.flowdeck.replayconnect.ExecutorReplayScheduler;
import dev.flowdeck.replayconnect.ReplayTracing;
import dev.flowdeck.replayconnect.TargetFromDeadLetter;
import dev.flowdeck.replayconnect.TargetMarks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-letter replay (the replay issue): Spring dead letters sent back by Flowdeck's replay (planner, runner,
 * {@code ConnectionPublisher} over the connector's connection, journal on the local disk, {@code BrowseReadBack}
 * and marks; copy, no rate limit), against a bare idempotent producer ({@code acks=all}) sending the same records
 * (the messages the replay sends: same keys, values, headers and partitions) to a fresh topic, in the same run with
 * rounds alternating. The target: at least 0.7 of the bare rate (goal 0.8). Every replay round's target is
 * read back: every event once.
 */
final class ReplayBenchmark implements Benchmark {

    static final String BARE = "bare idempotent KafkaProducer";
    static final String REPLAY = "Flowdeck replay";

    private static final Duration PATIENCE = Duration.ofMinutes(10);
    private static final Clock CLOCK = Clock.systemUTC();
    private static final Logger LOG = LoggerFactory.getLogger(ReplayBenchmark.class);

    @Override
    public String id() {
        return "replay";
    }

    @Override
    public ReplayResult run(BenchmarkContext context) throws Exception {
        var options = context.options();
        long events = options.replayEvents();
        String servers = context.bootstrapServers();
        Path journals = Path.of("target", "replay-journals").toAbsolutePath();
        deleteTree(journals);
        var audit = new CountingAuditLog();
        ScheduledExecutorService runnerThread = Executors.newSingleThreadScheduledExecutor(
                new NamedThreadFactory("benchmarks-replay-runner"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            String run = Long.toString(System.currentTimeMillis(), 36);
            DeadLetterTopic topic = DeadLetterTopic.produce(admin, servers, "replay-orders-" + run, events);
            long browseStarted = System.nanoTime();
            List<BrowsedMessage> deadLetters = BrowseAll.read(context.connection(), topic.name(), topic.records(), PATIENCE);
            double browseSeconds = (System.nanoTime() - browseStarted) / 1e9;
            var selected = TargetFromDeadLetter.select("dead letters of " + topic.name(), deadLetters,
                    DeadLetterDecoder.standard(), EventIdentity.BY_OFFSET);
            if (!selected.unplaced().isEmpty() || selected.selection().events().size() != events) {
                throw new IllegalStateException("Of " + deadLetters.size() + " dead letters, "
                        + selected.unplaced().size() + " had no origin");
            }
            // What the replay sends, planned once for the bare producer: the same keys, values, headers, sizes.
            List<OutgoingMessage> sent = planner().plan(selected.selection(), List.of(), ReplayMode.COPY).events()
                    .stream().map(PlannedEvent::message).toList();
            deadLetters = null;

            AtomicInteger round = new AtomicInteger();
            AtomicReference<TargetCheck.Tally> lastCheck = new AtomicReference<>();
            List<Duration> planning = new ArrayList<>();
            Map<String, List<ScanRun>> runs = AlternatingRounds.run(List.of(
                    new AlternatingRounds.Reader(BARE, () -> bare(admin, servers, topic,
                            "replay-bare-" + run + "-" + round.get(), sent)),
                    new AlternatingRounds.Reader(REPLAY, () -> {
                        String target = "replay-target-" + run + "-" + round.getAndIncrement();
                        var result = replay(context, admin, topic, selected.selection(), target,
                                journals.resolve(target), runnerThread, audit);
                        lastCheck.set(result.check());
                        planning.add(result.planning());
                        return result.run();
                    })), options.warmups(), options.rounds());
            return new ReplayResult(topic, options.replayConcurrency(), browseSeconds, runs.get(BARE),
                    runs.get(REPLAY), lastCheck.get(), audit.entries.get(),
                    planning.subList(options.warmups(), planning.size()));
        } finally {
            runnerThread.shutdownNow();
        }
    }

    /** The bare producer: created before the clock starts, then every record sent and every ack awaited. */
    private static ScanRun bare(Admin admin, String servers, DeadLetterTopic topic, String name,
                                List<OutgoingMessage> messages) {
        createTopic(admin, name, topic.partitions());
        var failure = new AtomicReference<Exception>();
        try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true))) {
            producer.partitionsFor(name); // metadata before the clock starts, as the replay's marks fetch it
            ProcessCost before = ProcessCost.now();
            long started = System.nanoTime();
            for (OutgoingMessage message : messages) {
                var record = new ProducerRecord<>(name, message.partition().orElseThrow(), message.key(),
                        message.value());
                message.headers().forEach(header -> record.headers().add(header.name(), header.value()));
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
            long elapsed = System.nanoTime() - started;
            ScanRun run = before.run(messages.size(), messages.size(), elapsed);
            if (failure.get() != null) {
                throw new IllegalStateException("The bare producer failed: " + failure.get(), failure.get());
            }
            return run;
        }
    }

    private record ReplayRound(ScanRun run, TargetCheck.Tally check, Duration planning) {
    }

    /**
     * One replay into a fresh topic: planned first (timed on its own), then timed from the start to the runner's
     * report: the marks (end offsets read and saved), the journal, the run. Then the target is read back (not
     * timed).
     */
    private static ReplayRound replay(BenchmarkContext context, Admin admin, DeadLetterTopic topic,
                                      ReplaySelection selection, String target, Path directory,
                                      ScheduledExecutorService runnerThread, CountingAuditLog audit) {
        createTopic(admin, target, topic.partitions());
        ReplaySelection retargeted = new ReplaySelection(selection.description(), selection.identity(),
                selection.events().stream().map(event -> new SelectedEvent(event.message(),
                        ReplayTarget.KafkaTopic.toPartition(target, event.message().partition()))).toList());
        var connection = context.connection();
        try {
            // The plan is made before the clock starts: the operator starts a replay from a plan already made
            // (and its dry run read). How long planning takes is reported on its own.
            long planStarted = System.nanoTime();
            ReplayPlan plan = planner().plan(retargeted, List.of(), ReplayMode.COPY);
            long planned = System.nanoTime();
            ProcessCost before = ProcessCost.now();
            long started = System.nanoTime();
            TargetMarks marks = TargetMarks.takeOrLoad(connection, plan, directory, CLOCK, runnerThread)
                    .toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            long marked = System.nanoTime();
            ReplayReport report;
            try (ReplayJournal journal = ReplayJournal.open(ReplayJournal.fileFor(directory, plan.id()), plan.id(),
                    CLOCK)) {
                // As Replays composes a run: the publisher wrapped for telemetry (off here, as by default).
                ReplayTracing tracing = ReplayTracing.begin(connection, plan);
                var services = new ReplayRunner.Services(
                        tracing.publisher(new ConnectionPublisher(context.profile(), connection)),
                        BrowseReadBack.kafka(connection, marks), DeadLetterSource.none(),
                        JournalHistory.read(directory), audit, new ExecutorReplayScheduler(runnerThread), CLOCK);
                report = tracing.endWhen(new ReplayRunner(plan, journal, services,
                        new ReplayOptions(0, context.options().replayConcurrency(), false), progress -> { })
                        .start()).toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            }
            long ended = System.nanoTime();
            long elapsed = ended - started;
            ScanRun run = before.run(0, 0, elapsed); // counts filled in below, once the target is read back
            LOG.info("Replay into {}: plan {} ms (not timed), marks {} ms, run {} ms", target,
                    (planned - planStarted) / 1_000_000, (marked - started) / 1_000_000, (ended - marked) / 1_000_000);
            long delivered = report.count(EventOutcome.Kind.DELIVERED);
            if (delivered != plan.events().size()) {
                throw new IllegalStateException("The replay delivered " + delivered + " of " + plan.events().size()
                        + ": " + report.summary());
            }
            TargetCheck.Tally check = TargetCheck.read(context.bootstrapServers(), target, plan.id());
            return new ReplayRound(new ScanRun(delivered, check.distinct(), Set.of(), List.of(), run.elapsed(),
                    run.cpu(), run.allocatedBytes(), run.gcMillis()), check, Duration.ofNanos(planned - planStarted));
        } catch (Exception e) {
            throw new IllegalStateException("The replay into " + target + " failed: " + e.getMessage(), e);
        }
    }

    private static ReplayPlanner planner() {
        return new ReplayPlanner(CLOCK, () -> UUID.randomUUID().toString(), DeadLetterHeaders.KNOWN_CONVENTIONS, 5);
    }

    private static void createTopic(Admin admin, String name, int partitions) {
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            NewTopics.awaitLeaders(admin, List.of(name));
        } catch (Exception e) {
            throw new IllegalStateException("Could not create topic " + name + ": " + e, e);
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** The runs' audit entries, counted: the benchmark has no audit file, and one entry per run is all it needs. */
    private static final class CountingAuditLog implements AuditLog {

        final AtomicInteger entries = new AtomicInteger();

        @Override
        public void record(AuditEntry entry) {
            entries.incrementAndGet();
        }

        @Override
        public List<AuditEntry> recent(int limit) {
            return List.of();
        }
    }
}
