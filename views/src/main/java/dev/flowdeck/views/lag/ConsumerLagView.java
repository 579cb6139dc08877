package dev.flowdeck.views.lag;

import atlantafx.base.theme.Styles;
import dev.flowdeck.core.lag.GroupVerdict;
import dev.flowdeck.core.lag.PartitionVerdict;
import dev.flowdeck.views.common.Formats;
import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The consumer lag tab of one cluster: a summary line, the groups worst first, and for the selected group its
 * partitions, its history chart and the alert log.
 */
public final class ConsumerLagView extends BorderPane {

    private final LagViewModel model;
    private final GroupsTable groups;
    private final LagChart chart;
    private final ObservableList<PartitionVerdict> partitions = FXCollections.observableArrayList();

    /**
     * @param queues       RabbitMQ: rows are queues with their consumers (finished = acknowledged)
     * @param resetOffsets what "Reset offsets…" does for the selected group; empty hides the button (RabbitMQ, or
     *                     until the cluster allows it)
     */
    public ConsumerLagView(LagViewModel model, boolean queues,
                           Optional<BiConsumer<ConsumerLagView, String>> resetOffsets) {
        this.model = model;
        setId("consumer-lag-view");
        groups = new GroupsTable(model.groups(), queues);
        groups.getSelectionModel().selectedItemProperty().addListener((property, before, now) -> {
            if (now != null && (model.selectedProperty().get() == null
                    || !model.selectedProperty().get().name().equals(now.name()))) {
                model.select(now.name());
            }
        });
        chart = new LagChart(model.chart(), model.metricProperty());
        model.selectedProperty().subscribe(this::showSelected);

        var detail = new TabPane(
                tab("Partitions", "mdi2v-view-split-vertical", new PartitionLagTable(partitions, queues)),
                tab("History", "mdi2c-chart-line", history()),
                tab("Alert log", "mdi2b-bell-outline", new AlertLogList(model.alerts())));
        detail.setId("lag-detail-tabs");
        var split = new SplitPane(groups, detail);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);

        setTop(header(resetOffsets));
        setCenter(split);
    }

    public LagViewModel model() {
        return model;
    }

    public LagChart chart() {
        return chart;
    }

    private void showSelected(GroupVerdict verdict) {
        partitions.setAll(verdict == null ? java.util.List.of() : verdict.partitions());
        if (verdict != null && groups.getSelectionModel().getSelectedItem() != verdict) {
            groups.getSelectionModel().select(verdict);
        }
        chart.setEmptyText(verdict == null ? "Select a group to see its history."
                : "No history yet for " + verdict.name() + ": it fills in with every sample.");
    }

    private VBox header(Optional<BiConsumer<ConsumerLagView, String>> resetOffsets) {
        var summary = new Label();
        summary.setId("lag-summary");
        summary.getStyleClass().add(Styles.TEXT_BOLD);
        summary.textProperty().bind(model.summaryProperty());
        var sampled = new Label();
        sampled.setId("lag-sampled");
        sampled.getStyleClass().add(Styles.TEXT_MUTED);
        sampled.textProperty().bind(model.lastSampleProperty().map(at -> "sampled at " + Formats.clock(at)));

        var rules = new Button("Alert rules…", new FontIcon("mdi2b-bell-cog-outline"));
        rules.setId("lag-alert-rules");
        rules.disableProperty().bind(model.selectedProperty().isNull());
        rules.setOnAction(event -> editRules());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var bar = new ToolBar(summary, spacer, sampled, rules);
        resetOffsets.ifPresent(action -> {
            var reset = new Button("Reset offsets…", new FontIcon("mdi2r-restore"));
            reset.setId("lag-reset-offsets");
            reset.setTooltip(new Tooltip("Move the selected group's committed offsets (the group must be stopped)"));
            reset.disableProperty().bind(model.selectedProperty().isNull());
            reset.setOnAction(event -> action.accept(this, model.selectedProperty().get().name()));
            bar.getItems().add(reset);
        });

        var explanation = new Label();
        explanation.setId("lag-explanation");
        explanation.setWrapText(true);
        explanation.textProperty().bind(model.selectedProperty().map(verdict -> verdict.name() + ": "
                + verdict.status().label() + ". " + verdict.explanation() + "."));
        explanation.visibleProperty().bind(model.selectedProperty().isNotNull());
        explanation.managedProperty().bind(explanation.visibleProperty());
        explanation.setPadding(new Insets(4, 10, 4, 10));

        var problem = new Label();
        problem.setId("lag-problem");
        problem.getStyleClass().add(Styles.DANGER);
        problem.setWrapText(true);
        problem.setGraphic(new FontIcon("mdi2a-alert-circle-outline"));
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        problem.setPadding(new Insets(4, 10, 4, 10));
        return new VBox(bar, problem, explanation);
    }

    private BorderPane history() {
        var metric = new ComboBox<>(FXCollections.observableArrayList(ChartMetric.values()));
        metric.setId("lag-chart-metric");
        metric.valueProperty().bindBidirectional(model.metricProperty());
        var range = new ComboBox<>(FXCollections.observableArrayList(ChartRange.values()));
        range.setId("lag-chart-range");
        range.valueProperty().bindBidirectional(model.rangeProperty());
        var zoomIn = iconButton("mdi2m-magnify-plus-outline", "Zoom in (or scroll on the chart)",
                () -> chart.zoom(0.5, chart.getWidth() / 2));
        var zoomOut = iconButton("mdi2m-magnify-minus-outline", "Zoom out", () -> chart.zoom(2, chart.getWidth() / 2));
        var all = iconButton("mdi2a-arrow-expand-horizontal", "Show the whole range (or double-click the chart)",
                chart::showEverything);
        var loading = new Label("loading history…");
        loading.visibleProperty().bind(model.loadingHistoryProperty());
        var tools = new HBox(8, new Label("Show"), metric, new Label("over the last"), range, zoomIn, zoomOut, all,
                loading);
        tools.setAlignment(Pos.CENTER_LEFT);
        tools.setPadding(new Insets(6, 8, 6, 8));
        var pane = new BorderPane(chart);
        pane.setTop(tools);
        return pane;
    }

    private static Button iconButton(String icon, String tip, Runnable action) {
        var button = new Button(null, new FontIcon(icon));
        button.getStyleClass().add(Styles.FLAT);
        button.setTooltip(new Tooltip(tip));
        button.setOnAction(event -> action.run());
        return button;
    }

    private void editRules() {
        GroupVerdict verdict = model.selectedProperty().get();
        if (verdict == null) {
            return;
        }
        String group = verdict.name();
        new AlertRuleDialog(getScene().getWindow(), group, model.rules().ruleFor(group)).showAndWait()
                .ifPresent(choice -> model.setRule(group, choice.rule(), choice.thisGroupOnly()));
    }

    private static Tab tab(String title, String icon, javafx.scene.Node content) {
        var tab = new Tab(title, content);
        tab.setClosable(false);
        tab.setGraphic(new FontIcon(icon));
        return tab;
    }
}
