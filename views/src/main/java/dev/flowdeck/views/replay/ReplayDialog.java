package dev.flowdeck.views.replay;

import atlantafx.base.theme.Styles;
import dev.flowdeck.replay.ReplayMode;
import dev.flowdeck.views.common.ReadOnlyText;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The replay of one group of dead letters: how (copy or move, rate, concurrency, force), the dry run of exactly
 * what will be sent where, the confirmation (a production cluster's name typed), then progress with pause, resume
 * and stop, and the report. Closing it while the replay runs stops the replay cleanly (what is out is journaled).
 */
public final class ReplayDialog extends Stage {

    private final ReplayViewModel model;

    public ReplayDialog(Window owner, ReplayViewModel model) {
        this.model = model;
        initOwner(owner);
        initModality(Modality.WINDOW_MODAL);
        setTitle(model.title());

        var title = new Label(model.title());
        title.getStyleClass().add(Styles.TITLE_4);
        var cause = new Label(model.cause());
        cause.getStyleClass().add(Styles.TEXT_MUTED);
        cause.setWrapText(true);

        var modes = new ToggleGroup();
        var copy = new RadioButton("Copy: the dead letters stay");
        copy.setId("replay-copy");
        copy.setToggleGroup(modes);
        copy.setUserData(ReplayMode.COPY);
        var move = new RadioButton("Move: each is removed once the target confirmed its replay");
        move.setId("replay-move");
        move.setToggleGroup(modes);
        move.setUserData(ReplayMode.MOVE);
        modes.selectToggle(model.modeProperty().get() == ReplayMode.MOVE ? move : copy);
        modes.selectedToggleProperty().subscribe(toggle -> {
            if (toggle != null) {
                model.modeProperty().set((ReplayMode) toggle.getUserData());
            }
        });
        var rate = new Spinner<Double>(0, 100_000, model.rateProperty().get(), 10);
        rate.setId("replay-rate");
        rate.setEditable(true);
        rate.setPrefWidth(110);
        rate.setTooltip(new Tooltip("At most this many events a second; 0 for no limit"));
        rate.valueProperty().subscribe(value -> model.rateProperty().set(value == null ? 0 : value));
        var concurrency = new Spinner<Integer>(1, 100_000, model.concurrencyProperty().get());
        concurrency.setId("replay-concurrency");
        concurrency.setEditable(true);
        concurrency.setPrefWidth(90);
        concurrency.setTooltip(new Tooltip("Sends waiting for the broker at once; 1 keeps the exact order"));
        concurrency.valueProperty().subscribe(value -> model.concurrencyProperty().set(value == null ? 1 : value));
        var force = new CheckBox("Send again events an earlier replay delivered");
        force.setId("replay-force");
        force.selectedProperty().bindBidirectional(model.forceProperty());
        var modeRow = new HBox(16, copy, move);
        var chosen = new VBox(6, modeRow, whereTo(), changes());
        chosen.setVisible(model.choosesHow()); // a resume sends its saved plan as it was
        chosen.setManaged(model.choosesHow());
        var how = new VBox(6, chosen,
                row(new Label("Events a second"), rate, new Label("At once"), concurrency, force));
        how.disableProperty().bind(model.stepProperty().isNotEqualTo(ReplayViewModel.Step.REVIEW)
                .and(model.stepProperty().isNotEqualTo(ReplayViewModel.Step.PLANNING)));

        var summary = new Label();
        summary.setId("replay-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summaryProperty());
        summary.getStyleClass().add(Styles.TEXT_BOLD);
        var notes = wrapped("replay-notes", Styles.TEXT_MUTED);
        notes.textProperty().bind(model.notesProperty());
        var error = wrapped("replay-error", Styles.DANGER);
        error.textProperty().bind(model.errorProperty());

        var dryRun = ReadOnlyText.monospace("replay-dry-run");
        dryRun.textProperty().bind(model.dryRunProperty());
        VBox.setVgrow(dryRun, Priority.ALWAYS);

        var typed = new TextField();
        typed.setId("replay-typed-name");
        typed.setPromptText(model.typeToConfirm());
        typed.textProperty().bindBidirectional(model.typedNameProperty());
        var confirm = row(new Label("Production cluster: type its name, " + model.typeToConfirm() + ", to replay"),
                typed);
        confirm.setVisible(!model.typeToConfirm().isEmpty());
        confirm.setManaged(confirm.isVisible());

        var bar = new ProgressBar();
        bar.setId("replay-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.progressProperty());
        var progressText = new Label();
        progressText.setId("replay-progress-text");
        progressText.textProperty().bind(model.progressTextProperty());
        var progress = new VBox(4, bar, progressText);
        progress.visibleProperty().bind(model.stepProperty().isEqualTo(ReplayViewModel.Step.RUNNING)
                .or(model.stepProperty().isEqualTo(ReplayViewModel.Step.ENDED)));
        progress.managedProperty().bind(progress.visibleProperty());

        var body = new VBox(8, title, cause, how, summary, notes, error, dryRun, confirm, progress);
        body.setPadding(new Insets(14));

        var root = new BorderPane(body);
        root.setBottom(buttons());
        setScene(new Scene(root, 900, 720));
        setOnCloseRequest(event -> model.cancel());
        setOnShown(event -> model.plan());
    }

    /** Where each failed, or another topic (by key or to the original partition) or exchange (and routing key). */
    private HBox whereTo() {
        var places = new ToggleGroup();
        var origin = new RadioButton("Where each failed");
        origin.setId("replay-to-origin");
        origin.setToggleGroup(places);
        var elsewhere = new RadioButton(model.kafka() ? "Another topic:" : "Another exchange:");
        elsewhere.setId("replay-to-elsewhere");
        elsewhere.setToggleGroup(places);
        places.selectToggle(model.sendElsewhereProperty().get() ? elsewhere : origin);
        elsewhere.selectedProperty().bindBidirectional(model.sendElsewhereProperty());
        var where = new TextField();
        where.setId("replay-to-name");
        where.setPromptText(model.kafka() ? "topic" : "exchange (empty: the default exchange)");
        where.textProperty().bindBidirectional(model.elsewhereProperty());
        where.disableProperty().bind(elsewhere.selectedProperty().not());
        if (model.kafka()) {
            var byKey = new CheckBox("Partition by key, not the original partition");
            byKey.setId("replay-by-key");
            byKey.selectedProperty().bindBidirectional(model.byKeyProperty());
            return row(new Label("Send to"), origin, elsewhere, where, byKey);
        }
        var routingKey = new TextField();
        routingKey.setId("replay-routing-key");
        routingKey.setPromptText("routing key (empty: each event's)");
        routingKey.textProperty().bindBidirectional(model.routingKeyProperty());
        routingKey.disableProperty().bind(elsewhere.selectedProperty().not());
        return row(new Label("Send to"), origin, elsewhere, where, routingKey);
    }

    /** What to change on the way, one a line, planned again on demand (the dry run shows the result). */
    private HBox changes() {
        var lines = new TextArea();
        lines.setId("replay-transforms");
        lines.setPrefRowCount(2);
        lines.setStyle("-fx-font-family: monospace;");
        lines.setPromptText("set header tenant = eu\nremove header x-debug\nset $.amount = 100");
        lines.textProperty().bindBidirectional(model.transformsProperty());
        HBox.setHgrow(lines, Priority.ALWAYS);
        var again = new Button("Plan again", new FontIcon("mdi2r-refresh"));
        again.setId("replay-replan");
        again.setTooltip(new Tooltip("Plan with the destination and changes as they are now; the dry run shows it"));
        again.disableProperty().bind(model.stepProperty().isNotEqualTo(ReplayViewModel.Step.REVIEW));
        again.setOnAction(event -> model.replan());
        var row = new HBox(8, new Label("Change"), lines, again);
        row.setAlignment(Pos.TOP_LEFT);
        return row;
    }

    private HBox buttons() {
        var save = new Button("Save plan…", new FontIcon("mdi2c-content-save-outline"));
        save.setId("replay-save");
        save.setTooltip(new Tooltip("Save the plan for a second person to review and apply"));
        save.disableProperty().bind(model.planProperty().isNull());
        save.setOnAction(event -> {
            var chooser = new FileChooser();
            chooser.setTitle("Save the replay plan");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Flowdeck replay plan", "*.flowdeck-plan"));
            chooser.setInitialFileName("replay-" + model.planProperty().get().id() + ".flowdeck-plan");
            File file = chooser.showSaveDialog(this);
            if (file != null) {
                model.save(file.toPath());
            }
        });
        var start = new Button("Replay", new FontIcon("mdi2p-play"));
        start.setId("replay-start");
        start.setDefaultButton(true);
        start.getStyleClass().add(Styles.ACCENT);
        start.disableProperty().bind(model.canStartBinding().not());
        start.visibleProperty().bind(model.stepProperty().isEqualTo(ReplayViewModel.Step.REVIEW)
                .or(model.stepProperty().isEqualTo(ReplayViewModel.Step.PLANNING)));
        start.managedProperty().bind(start.visibleProperty());
        start.setOnAction(event -> model.start());
        var pause = new Button();
        pause.setId("replay-pause");
        pause.textProperty().bind(Bindings.when(model.pausedProperty()).then("Resume").otherwise("Pause"));
        pause.setOnAction(event -> {
            if (model.pausedProperty().get()) {
                model.resume();
            } else {
                model.pause();
            }
        });
        var stop = new Button("Stop", new FontIcon("mdi2s-stop"));
        stop.setId("replay-stop");
        stop.setTooltip(new Tooltip("Stop sending; what was sent stays journaled, and a resume sends the rest"));
        stop.setOnAction(event -> model.cancel());
        for (Button whileRunning : new Button[] {pause, stop}) {
            whileRunning.visibleProperty().bind(model.stepProperty().isEqualTo(ReplayViewModel.Step.RUNNING));
            whileRunning.managedProperty().bind(whileRunning.visibleProperty());
        }
        var close = new Button("Close");
        close.setId("replay-close");
        close.setCancelButton(true);
        close.disableProperty().bind(model.stepProperty().isEqualTo(ReplayViewModel.Step.RUNNING));
        close.setOnAction(event -> close());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var buttons = new HBox(8, save, spacer, start, pause, stop, close);
        buttons.setPadding(new Insets(10, 14, 14, 14));
        buttons.setAlignment(Pos.CENTER_RIGHT);
        return buttons;
    }

    private static HBox row(javafx.scene.Node... nodes) {
        var row = new HBox(8, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static Label wrapped(String id, String style) {
        var label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.getStyleClass().add(style);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    public ReplayViewModel model() {
        return model;
    }
}
