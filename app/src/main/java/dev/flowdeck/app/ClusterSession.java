package dev.flowdeck.app;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.views.cluster.ClusterViewModel;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open cluster: brings it up off the FX thread (starting a sandbox if that is what the opener does), hands the
 * connection to the view model and refreshes it on a timer. Closing it stops all of that, whatever stage start-up
 * has reached.
 */
final class ClusterSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSession.class);
    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(2);

    /** A connection, the profile it was opened with, and whatever must close with it (an embedded broker). */
    record Opened(BrokerConnection connection, ConnectionProfile profile, AutoCloseable owned) {
        static Opened connection(BrokerConnection connection, ConnectionProfile profile) {
            return new Opened(connection, profile, () -> { });
        }
    }

    private final ClusterViewModel cluster;
    private final AppExecutors executors;
    private final LagWatch lagWatch;
    private final Executor ui;
    private Opened opened;
    private ScheduledFuture<?> refreshes;
    private LagSampling lag;
    private boolean closed;

    private ClusterSession(ClusterViewModel cluster, AppExecutors executors, LagWatch lagWatch, Executor ui) {
        this.cluster = cluster;
        this.executors = executors;
        this.lagWatch = lagWatch;
        this.ui = ui;
    }

    /**
     * Starts opening the cluster and returns at once; progress and failures show in the view model.
     *
     * @param starting what to say while {@code opener} runs (it may block for seconds: it runs on broker I/O)
     */
    static ClusterSession open(ClusterViewModel cluster, String starting, Callable<Opened> opener,
                               AppExecutors executors, LagWatch lagWatch, Executor ui) {
        var session = new ClusterSession(cluster, executors, lagWatch, ui);
        ui.execute(() -> cluster.starting(starting));
        CompletableFuture.supplyAsync(() -> {
            try {
                return opener.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, executors.brokerIo()).whenComplete((result, failure) -> {
            if (failure != null) {
                LOG.error("{} did not open", cluster.profileName(), Failures.unwrap(failure));
                String reason = Failures.sentence(failure);
                ui.execute(() -> cluster.failed(cluster.profileName() + " could not open: " + reason));
            } else {
                session.opened(result);
            }
        });
        return session;
    }

    private synchronized void opened(Opened result) {
        if (closed) {
            closeQuietly(result); // the window closed while the cluster was starting
            return;
        }
        opened = result;
        ui.execute(() -> cluster.attach(result.connection(), result.profile()));
        long period = REFRESH_INTERVAL.toMillis();
        refreshes = executors.scheduler().scheduleWithFixedDelay(
                () -> ui.execute(cluster::refresh), period, period, TimeUnit.MILLISECONDS);
        lag = LagSampling.start(result.profile().name(), result.connection(), lagWatch, cluster.lag(), executors, ui);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (refreshes != null) {
            refreshes.cancel(false);
        }
        if (lag != null) {
            lag.close();
        }
        if (opened != null) {
            closeQuietly(opened);
        }
    }

    private static void closeQuietly(Opened result) {
        try {
            result.connection().close();
        } finally {
            try {
                result.owned().close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed: {}", result.owned(), e.getMessage());
            }
        }
    }
}
