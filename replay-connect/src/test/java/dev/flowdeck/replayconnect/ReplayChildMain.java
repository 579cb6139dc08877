package dev.flowdeck.replayconnect;

import dev.flowdeck.connectors.kafka.KafkaBrokerConnection;
import dev.flowdeck.connectors.rabbitmq.RabbitBrokerConnection;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Credentials;
import dev.flowdeck.core.browse.StartPosition;
import dev.flowdeck.replay.DeadLetterSource;
import dev.flowdeck.replay.JournalHistory;
import dev.flowdeck.replay.PlanFile;
import dev.flowdeck.replay.ReplayJournal;
import dev.flowdeck.replay.ReplayOptions;
import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replay.ReplayRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The replaying process a fault test kills with SIGKILL: runs a saved plan, rate limited, against a Kafka broker,
 * with its journal and marks in the given directory, as the app would. Started by the test with its class path.
 *
 * <p>Arguments: {@code <bootstrap servers> <replays dir> <plan file> <events per second>} for a Kafka copy, or
 * {@code rabbit <amqp port> <management URL> <replays dir> <plan file> <events per second> <stream>} for a RabbitMQ
 * move read back from {@code stream}.
 */
public final class ReplayChildMain {

    private ReplayChildMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("rabbit")) {
            rabbitMove(args);
        }
        String bootstrap = args[0];
        Path replays = Path.of(args[1]);
        ReplayPlan plan = PlanFile.read(Path.of(args[2]));
        double rate = Double.parseDouble(args[3]);
        Clock clock = Clock.systemUTC();
        var worker = Executors.newFixedThreadPool(2);
        var runnerThread = Executors.newSingleThreadScheduledExecutor();
        var profile = ConnectionProfile.kafka("sandbox", bootstrap);
        try (var connection = KafkaBrokerConnection.open(profile, worker);
             var journal = ReplayJournal.open(ReplayJournal.fileFor(replays, plan.id()), plan.id(), clock)) {
            TargetMarks marks = TargetMarks.takeOrLoad(connection, plan, replays, clock, worker)
                    .toCompletableFuture().get(60, TimeUnit.SECONDS);
            var services = new ReplayRunner.Services(new ConnectionPublisher(profile, connection),
                    BrowseReadBack.kafka(connection, marks), DeadLetterSource.none(), JournalHistory.read(replays),
                    new RecordingAuditLog(), new ExecutorReplayScheduler(runnerThread), clock);
            new ReplayRunner(plan, journal, services, new ReplayOptions(rate, 1, false), progress -> { })
                    .start().toCompletableFuture().get(10, TimeUnit.MINUTES);
        }
        System.exit(0); // the test reads the exit code of a run that was not killed
    }

    private static void rabbitMove(String[] args) throws Exception {
        var profile = ConnectionProfile.rabbitMq("rabbit", "amqp://127.0.0.1:" + args[1] + "/")
                .withProperties(Map.of("management.url", args[2]));
        Path replays = Path.of(args[3]);
        ReplayPlan plan = PlanFile.read(Path.of(args[4]));
        double rate = Double.parseDouble(args[5]);
        Clock clock = Clock.systemUTC();
        var runnerThread = Executors.newSingleThreadScheduledExecutor();
        try (var connection = RabbitBrokerConnection.open(profile, Credentials.NONE);
             var journal = ReplayJournal.open(ReplayJournal.fileFor(replays, plan.id()), plan.id(), clock)) {
            var services = new ReplayRunner.Services(new ConnectionPublisher(profile, connection),
                    BrowseReadBack.rabbitStream(connection, args[6], new StartPosition.Earliest()),
                    MoveSources.forMove(profile, connection), JournalHistory.read(replays), new RecordingAuditLog(),
                    new ExecutorReplayScheduler(runnerThread), clock);
            new ReplayRunner(plan, journal, services, new ReplayOptions(rate, 1, false), progress -> { })
                    .start().toCompletableFuture().get(10, TimeUnit.MINUTES);
        }
        System.exit(0);
    }
}
