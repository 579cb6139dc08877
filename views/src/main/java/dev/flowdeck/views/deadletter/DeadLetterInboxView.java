package dev.flowdeck.views.deadletter;

import atlantafx.base.theme.Styles;
import dev.flowdeck.core.deadletter.DeadLetterScan;
import dev.flowdeck.views.common.Columns;
import dev.flowdeck.views.common.Formats;
import dev.flowdeck.views.common.ReadOnlyText;
import dev.flowdeck.views.replay.AuditTrailDialog;
import dev.flowdeck.views.replay.ReplayDialog;
import dev.flowdeck.views.replay.ReplayHistoryDialog;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The dead-letter inbox of one cluster: its dead-letter destinations on the left; the chosen one's dead letters by
 * cause; a cause's letters and the one selected, in words, with its stack trace. Escape stops a scan.
 */
public final class DeadLetterInboxView extends BorderPane {

    private final DeadLetterInboxViewModel model;

    public DeadLetterInboxView(DeadLetterInboxViewModel model) {
        this.model = model;
        setId("dead-letter-inbox");

        TableView<DeadLetterInboxViewModel.InboxDestination> destinations = new TableView<>(model.destinations());
        destinations.setId("dead-letter-destinations");
        destinations.getStyleClass().add(Styles.DENSE);
        destinations.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        destinations.setPlaceholder(placeholder("No dead-letter destinations found."));
        destinations.getColumns().setAll(List.of(
                Columns.text("Destination", DeadLetterInboxViewModel.InboxDestination::name, 170),
                Columns.count("Messages", DeadLetterInboxViewModel.InboxDestination::messages, 75)));
        destinations.setRowFactory(table -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(DeadLetterInboxViewModel.InboxDestination item, boolean empty) {
                super.updateItem(item, empty);
                setTooltip(empty || item == null ? null : new Tooltip("A dead-letter destination: " + item.why()));
            }
        });
        destinations.getSelectionModel().selectedItemProperty().subscribe(chosen -> {
            var current = model.selectedDestinationProperty().get();
            if (chosen != null && (current == null || !chosen.name().equals(current.name()))) {
                model.selectedDestinationProperty().set(chosen);
            }
        });
        model.selectedDestinationProperty().subscribe(chosen -> {
            if (chosen != null && chosen != destinations.getSelectionModel().getSelectedItem()) {
                destinations.getSelectionModel().select(chosen);
            }
        });

        var groups = new DeadLetterGroupsTable(model.groups(), model::cause);
        groups.getSelectionModel().selectedItemProperty().subscribe(model.selectedGroupProperty()::set);

        TableView<DeadLetterScan.Letter> letters = new TableView<>(model.letters());
        letters.setId("dead-letter-letters");
        letters.getStyleClass().add(Styles.DENSE);
        letters.setPlaceholder(placeholder("Choose a cause to see its dead letters."));
        letters.getColumns().setAll(List.of(
                Columns.text("Failed at", letter -> letter.deadLetter().times().seen().map(Formats::timestamp)
                        .orElse(Formats.timestamp(letter.message().timestamp())), 150),
                Columns.text("Came from", letter -> letter.deadLetter().origin().map(LetterSummary::origin)
                        .orElse("unknown"), 150),
                Columns.text("Message", model::failureText, 300))); // as masking lets it be read
        letters.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        letters.getSelectionModel().selectedItemProperty().subscribe(chosen -> {
            if (chosen != null) {
                model.selectedLetterProperty().set(chosen);
            }
        });
        model.selectedLetterProperty().subscribe(chosen -> {
            if (chosen != letters.getSelectionModel().getSelectedItem()) {
                letters.getSelectionModel().select(chosen);
            }
        });

        var summary = ReadOnlyText.monospace("dead-letter-summary");
        var stackTrace = ReadOnlyText.monospace("dead-letter-stack-trace");
        model.selectedLetterProperty().subscribe(selected -> {
            // Shown as the profile's masking lets it be seen; grouped and replayed as read.
            DeadLetterScan.Letter chosen = selected == null ? null : model.shown(selected);
            summary.setText(chosen == null ? "" : LetterSummary.describe(chosen));
            stackTrace.setText(chosen == null ? "" : chosen.deadLetter().failure().stackTrace()
                    .orElse("No stack trace in this dead letter's headers."));
        });
        var detail = new TabPane(new Tab("Dead letter", summary), new Tab("Stack trace", stackTrace));
        detail.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        var lower = new SplitPane(letters, detail);
        lower.setDividerPositions(0.45);
        var right = new SplitPane(groups, lower);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.4);
        var body = new SplitPane(destinations, right);
        body.setDividerPositions(0.22);
        SplitPane.setResizableWithParent(destinations, false);

        setTop(top());
        setCenter(body);
        var notes = new Label();
        notes.setId("dead-letter-notes");
        notes.getStyleClass().add(Styles.TEXT_MUTED);
        notes.setWrapText(true);
        notes.textProperty().bind(model.notesProperty());
        notes.visibleProperty().bind(model.notesProperty().isNotEmpty());
        notes.managedProperty().bind(notes.visibleProperty());
        setBottom(notes);
        BorderPane.setMargin(notes, new Insets(4, 10, 6, 10));

        setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ESCAPE && model.runningProperty().get()) {
                model.cancel();
                event.consume();
            }
        });
    }

    private VBox top() {
        var status = new Label();
        status.setId("dead-letter-status");
        status.textProperty().bind(model.statusProperty());
        var bar = new ProgressBar();
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.runningProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        var stop = new Button("Stop");
        stop.setId("dead-letter-stop");
        stop.setOnAction(event -> model.cancel());
        stop.visibleProperty().bind(model.runningProperty());
        stop.managedProperty().bind(stop.visibleProperty());
        var rescan = new Button("Read again", new FontIcon("mdi2r-refresh"));
        rescan.setId("dead-letter-rescan");
        rescan.setTooltip(new Tooltip("List the dead-letter destinations and read the chosen one again"));
        rescan.setOnAction(event -> model.refresh());
        rescan.disableProperty().bind(model.runningProperty());
        var replay = new Button("Replay group…", new FontIcon("mdi2r-replay"));
        replay.setId("dead-letter-replay");
        replay.setTooltip(new Tooltip("Send the selected cause's dead letters back to where they failed: dry run "
                + "first, then confirm"));
        replay.disableProperty().bind(model.selectedGroupProperty().isNull().or(model.runningProperty()));
        replay.setOnAction(event -> model.replaySelectedGroup()
                .ifPresent(replayModel -> new ReplayDialog(getScene().getWindow(), replayModel).show()));
        var audit = new Button("Audit log…", new FontIcon("mdi2c-clipboard-text-clock-outline"));
        audit.setId("dead-letter-audit");
        audit.setTooltip(new Tooltip("Every replay and offset reset made from this machine, to read and export"));
        audit.setOnAction(event -> new AuditTrailDialog(getScene().getWindow(), model.replays(), model.ui()).show());
        var history = new Button("Replays…", new FontIcon("mdi2h-history"));
        history.setId("dead-letter-history");
        history.setTooltip(new Tooltip("The replays run from this machine; resume one that was interrupted"));
        history.setOnAction(event -> new ReplayHistoryDialog(getScene().getWindow(), model.replays(),
                model.profile(), model.ui()).show());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var row = new HBox(8, status, bar, stop, spacer, replay, history, audit, rescan);
        row.setAlignment(Pos.CENTER_LEFT);
        var error = new Label();
        error.setId("dead-letter-error");
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        var top = new VBox(4, row, error);
        top.setPadding(new Insets(8, 10, 4, 10));
        return top;
    }

    private static Label placeholder(String text) {
        var label = new Label(text);
        label.setWrapText(true);
        return label;
    }

    public DeadLetterInboxViewModel model() {
        return model;
    }
}
