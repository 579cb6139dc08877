package dev.flowdeck.app;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.lag.AlertLog;
import dev.flowdeck.core.lag.AlertRules;
import dev.flowdeck.core.lag.LagEvaluator;
import dev.flowdeck.core.lag.LagHistoryStore;
import dev.flowdeck.core.lag.LagMonitor;
import dev.flowdeck.core.lag.LagRound;
import dev.flowdeck.core.lag.MonitorUpdate;
import dev.flowdeck.views.lag.LagViewModel;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples one cluster's consumer lag on the app's scheduler, whether or not anyone looks at the lag tab (alerts
 * must fire while the window is minimised): each round is read through the connection, judged by the monitor and
 * stored off the FX thread, then handed to the view model in one update.
 *
 * <p>Before the first round it opens the cluster's history, restores the evaluation window from it (a group stalled
 * before a restart is still stalled after it) and loads the saved alert rules. The history belongs to the cluster
 * itself, by its name and its id: a sandbox started afresh is a new cluster, whose offsets must not be judged
 * against the last one's.
 */
final class LagSampling implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LagSampling.class);
    private static final long DESCRIBE_TIMEOUT_SECONDS = 30;

    private final String cluster;
    private final BrokerConnection connection;
    private final LagWatch watch;
    private final LagViewModel view;
    private final Executor io;
    private final Executor ui;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final AtomicReference<AlertRules> rules = new AtomicReference<>(AlertRules.defaults());
    private LagHistoryStore store;
    private LagMonitor monitor;
    private ScheduledFuture<?> rounds;
    private boolean closed;

    private LagSampling(String cluster, BrokerConnection connection, LagWatch watch, LagViewModel view, Executor io,
                        Executor ui) {
        this.cluster = cluster;
        this.connection = connection;
        this.watch = watch;
        this.view = view;
        this.io = io;
        this.ui = ui;
    }

    /**
     * Returns at once: opening the history and restoring from it read files, so they run on {@code io}, and the
     * rounds start when they are done.
     *
     * @param ui runs on the FX thread (the view model's rule changes are read from there)
     */
    static LagSampling start(String cluster, BrokerConnection connection, LagWatch watch, LagViewModel view,
                             AppExecutors executors, Executor ui) {
        var sampling = new LagSampling(cluster, connection, watch, view, executors.brokerIo(), ui);
        executors.brokerIo().execute(() -> sampling.begin(executors));
        return sampling;
    }

    private void begin(AppExecutors executors) {
        LagHistoryStore history = watch.history(cluster + "@" + clusterId());
        var lagMonitor = new LagMonitor(cluster, new LagEvaluator(watch.settings().window()), rules::get, history,
                watch.alerts());
        try {
            lagMonitor.restore(watch.clock().instant());
        } catch (RuntimeException e) {
            LOG.warn("The lag history of {} could not be restored: {}", cluster, e.getMessage());
        }
        AlertRules saved = savedRules();
        rules.set(saved);
        var earlier = watch.alerts().recent(500);
        synchronized (this) {
            if (closed) {
                history.close();
                return;
            }
            store = history;
            monitor = lagMonitor;
            long period = watch.settings().interval().toMillis();
            rounds = executors.scheduler().scheduleAtFixedRate(this::sample, 0, period, TimeUnit.MILLISECONDS);
        }
        ui.execute(() -> {
            view.rulesProperty().set(saved);
            view.rulesProperty().addListener((property, before, now) -> {
                rules.set(now);
                io.execute(() -> saveRules(now));
            });
            view.attach(history, io, earlier);
        });
    }

    /** The cluster's own id (Kafka's cluster id, RabbitMQ's cluster name); "unknown" if it does not answer now. */
    private String clusterId() {
        try {
            return connection.describeCluster().toCompletableFuture()
                    .get(DESCRIBE_TIMEOUT_SECONDS, TimeUnit.SECONDS).clusterId();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("{} did not say its id; its lag history is kept under its name only: {}", cluster,
                    Failures.sentence(e));
            return "unknown";
        }
    }

    private AlertRules savedRules() {
        try {
            return watch.rules().load(cluster);
        } catch (RuntimeException e) {
            LOG.warn("Alert rules of {} not loaded, the defaults apply: {}", cluster, e.getMessage());
            return AlertRules.defaults();
        }
    }

    private void saveRules(AlertRules changed) {
        try {
            watch.rules().save(cluster, changed);
        } catch (RuntimeException e) {
            LOG.warn("Alert rules of {} not saved: {}", cluster, e.getMessage());
        }
    }

    /** One round, unless the last one is still being read: a slow cluster is never asked twice at once. */
    private void sample() {
        if (!inFlight.compareAndSet(false, true)) {
            return;
        }
        connection.consumerGroups().whenCompleteAsync((groups, failure) -> {
            try {
                if (failure != null) {
                    String sentence = "Consumer lag could not be read: " + Failures.sentence(failure);
                    ui.execute(() -> view.samplingFailed(sentence));
                    return;
                }
                MonitorUpdate update = monitor.record(new LagRound(watch.clock().instant(), groups));
                ui.execute(() -> view.apply(update));
            } catch (RuntimeException e) {
                LOG.error("A lag round of {} failed", cluster, e);
                ui.execute(() -> view.samplingFailed("Consumer lag could not be evaluated: " + e.getMessage()));
            } finally {
                inFlight.set(false);
            }
        }, io);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (rounds != null) {
            rounds.cancel(false);
        }
        if (store != null) {
            store.close();
        }
    }
}
