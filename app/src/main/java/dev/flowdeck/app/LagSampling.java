package dev.flowdeck.app;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.lag.AlertLog;
import dev.flowdeck.core.lag.AlertRules;
import dev.flowdeck.core.lag.LagEvaluator;
import dev.flowdeck.core.lag.LagHistoryStore;
import dev.flowdeck.core.lag.LagMonitor;
import dev.flowdeck.core.lag.LagRound;
import dev.flowdeck.core.lag.LagSettings;
import dev.flowdeck.core.lag.MonitorUpdate;
import dev.flowdeck.views.lag.LagViewModel;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
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
 */
final class LagSampling implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LagSampling.class);

    private final BrokerConnection connection;
    private final LagMonitor monitor;
    private final LagHistoryStore store;
    private final AlertLog alertLog;
    private final LagViewModel view;
    private final Executor io;
    private final Executor ui;
    private final Clock clock;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final AtomicReference<AlertRules> rules;
    private ScheduledFuture<?> rounds;

    private LagSampling(String cluster, BrokerConnection connection, LagSettings settings, LagHistoryStore store,
                        AlertLog alertLog, LagViewModel view, Executor io, Executor ui, Clock clock) {
        this.connection = connection;
        this.store = store;
        this.alertLog = alertLog;
        this.view = view;
        this.io = io;
        this.ui = ui;
        this.clock = clock;
        this.rules = new AtomicReference<>(AlertRules.defaults());
        this.monitor = new LagMonitor(cluster, new LagEvaluator(settings.window()), rules::get, store, alertLog);
    }

    /**
     * Restores the last window from the store and starts the rounds; returns at once (the restore reads files,
     * so it runs on {@code io}).
     *
     * @param ui runs on the FX thread (the view model's rule changes are read from there)
     */
    static LagSampling start(String cluster, BrokerConnection connection, LagSettings settings,
                             LagHistoryStore store, AlertLog alertLog, AlertRulesFile savedRules, LagViewModel view,
                             Executor io, Executor ui, ScheduledExecutorService scheduler, Clock clock) {
        var sampling = new LagSampling(cluster, connection, settings, store, alertLog, view, io, ui, clock);
        io.execute(() -> {
            AlertRules loaded;
            try {
                loaded = savedRules.load(cluster);
            } catch (RuntimeException e) {
                LOG.warn("Alert rules of {} not loaded, the defaults apply: {}", cluster, e.getMessage());
                loaded = AlertRules.defaults();
            }
            sampling.rules.set(loaded);
            AlertRules restored = loaded;
            ui.execute(() -> {
                view.rulesProperty().set(restored);
                view.rulesProperty().addListener((property, before, now) -> {
                    sampling.rules.set(now);
                    io.execute(() -> save(savedRules, cluster, now));
                });
            });
        });
        io.execute(() -> {
            try {
                sampling.monitor.restore(clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("The lag history of {} could not be restored: {}", cluster, e.getMessage());
            }
            var earlier = alertLog.recent(500);
            ui.execute(() -> view.attach(store, io, earlier));
        });
        long period = settings.interval().toMillis();
        synchronized (sampling) {
            sampling.rounds = scheduler.scheduleAtFixedRate(sampling::sample, 0, period, TimeUnit.MILLISECONDS);
        }
        return sampling;
    }

    private static void save(AlertRulesFile file, String cluster, AlertRules rules) {
        try {
            file.save(cluster, rules);
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
                MonitorUpdate update = monitor.record(new LagRound(clock.instant(), groups));
                ui.execute(() -> view.apply(update));
            } catch (RuntimeException e) {
                LOG.error("A lag round failed", e);
                ui.execute(() -> view.samplingFailed("Consumer lag could not be evaluated: " + e.getMessage()));
            } finally {
                inFlight.set(false);
            }
        }, io);
    }

    @Override
    public synchronized void close() {
        if (rounds != null) {
            rounds.cancel(false);
        }
        store.close();
    }
}
