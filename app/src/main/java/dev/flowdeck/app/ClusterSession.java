package dev.flowdeck.app;

import dev.flowdeck.connectors.kafka.KafkaBrokerConnection;
import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.sandbox.SandboxCluster;
import dev.flowdeck.views.cluster.ClusterViewModel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open cluster: starts the sandbox if asked to (off the FX thread), opens the connection, hands it to the view
 * model and refreshes it on a timer. Closing it stops all of that, whatever stage start-up has reached.
 */
final class ClusterSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSession.class);
    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(2);

    private final ClusterViewModel cluster;
    private final AppExecutors executors;
    private final Executor ui;
    private SandboxCluster sandbox;
    private BrokerConnection connection;
    private ScheduledFuture<?> refreshes;
    private boolean closed;

    private ClusterSession(ClusterViewModel cluster, AppExecutors executors, Executor ui) {
        this.cluster = cluster;
        this.executors = executors;
        this.ui = ui;
    }

    /** Starts opening the cluster and returns at once; progress and failures show in the view model. */
    static ClusterSession open(LaunchOptions options, ClusterViewModel cluster, AppExecutors executors, Executor ui) {
        var session = new ClusterSession(cluster, executors, ui);
        if (options.sandbox()) {
            cluster.starting("Starting the sandbox cluster: a Kafka broker and a simulated shop…");
            CompletableFuture.supplyAsync(() -> SandboxCluster.start(options.sandboxSettings()), executors.brokerIo())
                    .whenComplete((started, failure) -> {
                        if (failure != null) {
                            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                            LOG.error("The sandbox did not start", cause);
                            ui.execute(() -> cluster.failed("The sandbox cluster could not start: "
                                    + cause.getMessage().lines().findFirst().orElse("") + " (details in the log)"));
                        } else {
                            session.sandboxStarted(started, options.profileName());
                        }
                    });
        } else {
            session.connect(ConnectionProfile.kafka(options.profileName(), options.bootstrapServers().orElseThrow()));
        }
        return session;
    }

    private synchronized void sandboxStarted(SandboxCluster started, String name) {
        if (closed) {
            started.close(); // the window closed while the sandbox was starting
            return;
        }
        sandbox = started;
        connect(ConnectionProfile.kafka(name, started.bootstrapServers()).asSandbox());
    }

    private synchronized void connect(ConnectionProfile profile) {
        connection = KafkaBrokerConnection.open(profile, executors.brokerIo());
        BrokerConnection opened = connection;
        ui.execute(() -> cluster.attach(opened));
        long period = REFRESH_INTERVAL.toMillis();
        refreshes = executors.scheduler().scheduleWithFixedDelay(
                () -> ui.execute(cluster::refresh), period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (refreshes != null) {
            refreshes.cancel(false);
        }
        if (connection != null) {
            connection.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
