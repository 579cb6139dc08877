package dev.flowdeck.views.lag;

import dev.flowdeck.core.lag.AlertRule;
import dev.flowdeck.core.lag.AlertRules;
import dev.flowdeck.core.lag.GroupSample;
import dev.flowdeck.core.lag.GroupStatus;
import dev.flowdeck.core.lag.GroupVerdict;
import dev.flowdeck.core.lag.LagAlert;
import dev.flowdeck.core.lag.LagHistoryStore;
import dev.flowdeck.core.lag.MonitorUpdate;
import dev.flowdeck.views.common.ListReconciler;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Consumer lag of one cluster as the lag tab shows it: every group's verdict (worst first), the selected group's
 * partitions and history chart, and the alerts raised so far.
 *
 * <p>Every method runs on the FX thread. Samples arrive already evaluated ({@link #apply}, once per round); the
 * only work it starts itself is loading a group's history from the store, on the background executor.
 */
public final class LagViewModel {

    /** Alerts kept on screen; the alert log on disk keeps more. */
    static final int ALERTS_SHOWN = 500;
    /** Points per chart line: about one pair per pixel of a wide chart. */
    static final int CHART_BUCKETS = 800;

    private final Executor ui;
    private final Clock clock;
    private final ObservableList<GroupVerdict> groups = FXCollections.observableArrayList();
    private final ObservableList<LagAlert> alerts = FXCollections.observableArrayList();
    private final ObservableList<LagSeries> chart = FXCollections.observableArrayList();
    private final ObjectProperty<GroupVerdict> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<ChartMetric> metric = new SimpleObjectProperty<>(ChartMetric.MESSAGES);
    private final ObjectProperty<ChartRange> range = new SimpleObjectProperty<>(ChartRange.HOUR);
    private final StringProperty summary = new SimpleStringProperty("Waiting for the first sample…");
    private final StringProperty problem = new SimpleStringProperty("");
    private final ObjectProperty<Instant> lastSample = new SimpleObjectProperty<>();
    private final BooleanProperty loadingHistory = new SimpleBooleanProperty();
    private final ObjectProperty<AlertRules> rules = new SimpleObjectProperty<>(AlertRules.defaults());
    private final List<Consumer<LagAlert>> alertListeners = new CopyOnWriteArrayList<>();
    private final ObservableList<GroupVerdict> readOnlyGroups = FXCollections.unmodifiableObservableList(groups);
    private final ObservableList<LagAlert> readOnlyAlerts = FXCollections.unmodifiableObservableList(alerts);
    private final ObservableList<LagSeries> readOnlyChart = FXCollections.unmodifiableObservableList(chart);

    private LagHistoryStore store = LagHistoryStore.none();
    private Executor background = Runnable::run;
    private ChartBuffer buffer = new ChartBuffer();
    private String chartGroup;
    private List<GroupSample> arrivedWhileLoading;
    private long loadGeneration;

    public LagViewModel(Executor ui, Clock clock) {
        this.ui = ui;
        this.clock = clock;
        selected.addListener((property, before, now) -> {
            String group = now == null ? null : now.name();
            if (group == null || !group.equals(chartGroup)) {
                loadHistory(group);
            }
        });
        range.addListener((property, before, now) -> loadHistory(chartGroup));
        metric.addListener((property, before, now) -> redrawChart());
    }

    /**
     * Sampling has begun: history comes from {@code history}, read on {@code reader}; {@code earlier} are the
     * alerts of earlier sessions, oldest first, shown under the new ones.
     */
    public void attach(LagHistoryStore history, Executor reader, List<LagAlert> earlier) {
        this.store = history;
        this.background = reader;
        alerts.setAll(earlier.reversed().stream().limit(ALERTS_SHOWN).toList());
        summary.set("Sampling consumer lag…");
        loadHistory(chartGroup);
    }

    /** One evaluated round: the table, the chart of the selected group and the alerts move on together. */
    public void apply(MonitorUpdate update) {
        List<GroupVerdict> sorted = new ArrayList<>(update.verdicts());
        sorted.sort(Comparator.comparing(GroupVerdict::status).reversed().thenComparing(GroupVerdict::name));
        ListReconciler.reconcile(groups, sorted, GroupVerdict::name);
        if (selected.get() != null) {
            selected.set(sorted.stream().filter(v -> v.name().equals(selected.get().name())).findFirst()
                    .orElse(null));
        }
        lastSample.set(update.round().at());
        problem.set("");
        summary.set(summarize(sorted));
        if (chartGroup != null) {
            update.round().groups().stream().filter(group -> group.group().equals(chartGroup)).findFirst()
                    .map(group -> new GroupSample(update.round().at(), group))
                    .ifPresent(this::addToChart);
        }
        for (LagAlert alert : update.alerts()) {
            alerts.addFirst(alert);
            alertListeners.forEach(listener -> listener.accept(alert));
        }
        if (alerts.size() > ALERTS_SHOWN) {
            alerts.remove(ALERTS_SHOWN, alerts.size());
        }
    }

    /** A round could not be read; the last verdicts stay on screen, marked as old by the sentence. */
    public void samplingFailed(String sentence) {
        problem.set(sentence);
    }

    public void select(String group) {
        selected.set(groups.stream().filter(v -> v.name().equals(group)).findFirst().orElse(null));
    }

    /** The rules the monitor applies from its next round on; the app saves them when they change. */
    public ObjectProperty<AlertRules> rulesProperty() {
        return rules;
    }

    public AlertRules rules() {
        return rules.get();
    }

    /** Sets the rule of {@code group}, or (when not {@code groupOnly}) of every group without a rule of its own. */
    public void setRule(String group, AlertRule rule, boolean groupOnly) {
        AlertRules current = rules.get();
        rules.set(groupOnly ? current.with(group, rule) : new AlertRules(rule, current.perGroup()));
    }

    /** Told of every alert as it is raised or cleared (desktop notifications listen here). */
    public void onAlert(Consumer<LagAlert> listener) {
        alertListeners.add(listener);
    }

    private static String summarize(List<GroupVerdict> verdicts) {
        if (verdicts.isEmpty()) {
            return "No consumer groups on this cluster.";
        }
        Map<GroupStatus, Long> counts = verdicts.stream()
                .collect(Collectors.groupingBy(GroupVerdict::status, () -> new EnumMap<>(GroupStatus.class),
                        Collectors.counting()));
        long troubled = verdicts.stream().filter(v -> v.status().isProblem()).count();
        if (troubled == 0) {
            return "All " + verdicts.size() + " groups OK";
        }
        String tally = counts.entrySet().stream()
                .filter(entry -> entry.getKey().isProblem())
                .sorted(Map.Entry.<GroupStatus, Long>comparingByKey().reversed())
                .map(entry -> entry.getValue() + " " + entry.getKey().label().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", "));
        return troubled + " of " + verdicts.size() + " groups need attention: " + tally;
    }

    private void loadHistory(String group) {
        chartGroup = group;
        long generation = ++loadGeneration;
        buffer = new ChartBuffer();
        chart.clear();
        if (group == null) {
            loadingHistory.set(false);
            return;
        }
        loadingHistory.set(true);
        arrivedWhileLoading = new ArrayList<>();
        Instant now = clock.instant();
        Instant from = now.minus(range.get().span());
        LagHistoryStore source = store;
        CompletableFuture.supplyAsync(() -> ChartBuffer.of(source.samples(group, from, now.plusSeconds(1))),
                        background)
                .whenComplete((loaded, failure) -> ui.execute(() -> {
                    if (generation != loadGeneration) {
                        return; // the operator picked another group or range meanwhile
                    }
                    loadingHistory.set(false);
                    buffer = failure == null ? loaded : new ChartBuffer();
                    if (failure != null) {
                        problem.set("The history of " + group + " could not be read: "
                                + Optional.ofNullable(failure.getCause()).orElse(failure).getMessage());
                    }
                    List<GroupSample> pending = arrivedWhileLoading;
                    arrivedWhileLoading = null;
                    pending.forEach(buffer::add);
                    redrawChart();
                }));
    }

    private void addToChart(GroupSample sample) {
        if (arrivedWhileLoading != null) {
            arrivedWhileLoading.add(sample);
            return;
        }
        buffer.add(sample);
        buffer.dropBefore(sample.at().minus(range.get().span()));
        redrawChart();
    }

    private void redrawChart() {
        if (arrivedWhileLoading == null) {
            chart.setAll(buffer.series(metric.get(), CHART_BUCKETS));
        }
    }

    /** Worst status first, then by name; replaced in place each round so the selection stays. */
    public ObservableList<GroupVerdict> groups() {
        return readOnlyGroups;
    }

    /** Newest first. */
    public ObservableList<LagAlert> alerts() {
        return readOnlyAlerts;
    }

    /** The selected group's lines, the total first, thinned for drawing. */
    public ObservableList<LagSeries> chart() {
        return readOnlyChart;
    }

    public ObjectProperty<GroupVerdict> selectedProperty() {
        return selected;
    }

    public ObjectProperty<ChartMetric> metricProperty() {
        return metric;
    }

    public ObjectProperty<ChartRange> rangeProperty() {
        return range;
    }

    /** "2 of 7 groups need attention: 1 stalled, 1 warning", or "All 7 groups OK". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary;
    }

    /** Why the last round or history load failed, as a sentence; empty when all is well. */
    public ReadOnlyStringProperty problemProperty() {
        return problem;
    }

    public ReadOnlyObjectProperty<Instant> lastSampleProperty() {
        return lastSample;
    }

    public ReadOnlyBooleanProperty loadingHistoryProperty() {
        return loadingHistory;
    }
}
