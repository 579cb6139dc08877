package dev.flowdeck.views.offsets;

import atlantafx.base.theme.Styles;
import dev.flowdeck.core.audit.AuditLog;
import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.offsets.OffsetReset;
import dev.flowdeck.core.offsets.PartitionReset;
import dev.flowdeck.views.common.Formats;
import dev.flowdeck.views.offsets.ResetOffsetsViewModel.TargetKind;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Resets a consumer group's offsets: the operator picks a target (earliest, latest, a time, given offsets), sees what
 * it does to every partition and the lag that results, and applies exactly that after confirming. The dialog stays
 * open to show the outcome or the refusal ("stop its 2 consumers first", a read-only profile) as a sentence.
 *
 * <p>Open it with {@link #show}. It previews the earliest offsets as soon as it opens, so a refusal shows at once.
 */
public final class ResetOffsetsDialog extends Dialog<Void> {

    private static final ButtonType RESET = new ButtonType("Reset offsets", ButtonBar.ButtonData.OK_DONE);

    private final ResetOffsetsViewModel model;

    /**
     * @param confirmation asked the view model's confirmation before applying, true goes ahead; null asks the
     *                     operator with an alert
     */
    ResetOffsetsDialog(Window owner, ResetOffsetsViewModel model, Predicate<String> confirmation) {
        this.model = model;
        Predicate<String> confirm = confirmation != null ? confirmation : this::askFirst;
        initOwner(owner);
        setTitle("Reset offsets of " + model.group());
        setHeaderText("Reset the offsets of group " + model.group());
        setResizable(true);
        getDialogPane().setId("reset-offsets-dialog");

        var intro = new Label("The group must have no consumers running. Choose where it should start reading, "
                + "check the preview, then reset: exactly the previewed offsets are committed.");
        intro.setWrapText(true);

        var targets = new ToggleGroup();
        var radios = new HBox(12);
        for (TargetKind kind : TargetKind.values()) {
            var radio = new RadioButton(kind.label());
            radio.setId("reset-target-" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            radio.setToggleGroup(targets);
            radio.setUserData(kind);
            radio.setSelected(model.targetKindProperty().get() == kind);
            radios.getChildren().add(radio);
        }
        targets.selectedToggleProperty().addListener((property, before, after) -> {
            if (after != null) {
                model.targetKindProperty().set((TargetKind) after.getUserData());
            }
        });

        var time = new TextField();
        time.setId("reset-time");
        time.setPromptText("2026-05-01T09:30:00Z, or an age such as 15m or 2h");
        time.textProperty().bindBidirectional(model.timeProperty());
        time.disableProperty().bind(model.targetKindProperty().isNotEqualTo(TargetKind.AT_TIME));
        var offsets = new TextArea();
        offsets.setId("reset-offsets-text");
        offsets.setPrefRowCount(3);
        offsets.setPromptText("one partition a line: orders-0 = 1200");
        offsets.setStyle("-fx-font-family: monospace;");
        offsets.textProperty().bindBidirectional(model.offsetsProperty());
        offsets.disableProperty().bind(model.targetKindProperty().isNotEqualTo(TargetKind.OFFSETS));
        model.targetKindProperty().addListener((property, before, after) -> {
            if (after == TargetKind.OFFSETS && offsets.getText().isBlank()) {
                offsets.setText(model.suggestedOffsets());
            }
        });

        var form = new GridPane(8, 8);
        form.addRow(0, new Label("Time"), time);
        form.addRow(1, new Label("Offsets"), offsets);
        GridPane.setHgrow(time, Priority.ALWAYS);
        GridPane.setHgrow(offsets, Priority.ALWAYS);

        var preview = new Button("Preview");
        preview.setId("reset-preview");
        preview.disableProperty().bind(model.busyProperty().or(model.appliedProperty()));
        preview.setOnAction(event -> model.preview());
        var working = new ProgressIndicator();
        working.setPrefSize(18, 18);
        working.visibleProperty().bind(model.busyProperty());

        var total = new Label();
        total.setId("reset-total");
        total.getStyleClass().add(Styles.TEXT_BOLD);
        total.textProperty().bind(model.totalProperty());
        var message = new Label();
        message.setId("reset-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());

        var content = new VBox(10, intro, radios, form, new HBox(8, preview, working), table(model), total, message);
        content.setPadding(new Insets(8));
        content.setPrefWidth(620);
        getDialogPane().setContent(content);

        getDialogPane().getButtonTypes().setAll(RESET, ButtonType.CLOSE);
        var apply = (Button) getDialogPane().lookupButton(RESET);
        apply.setId("reset-apply");
        apply.disableProperty().bind(model.canApplyBinding().not());
        apply.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume(); // stay open: the outcome is shown here
            String question = model.confirmation();
            if (question != null && confirm.test(question)) {
                model.apply();
            }
        });
    }

    /**
     * Opens the dialog (not waiting for it to close) and previews at once. Call on the FX thread.
     *
     * @param owner      the window it belongs to
     * @param connection the cluster's open connection
     * @param cluster    the cluster's name as the operator knows it: what the audit log says
     * @param group      the consumer group to reset
     * @param audit      where the reset is recorded, done or failed
     * @param background turns previews into rows and writes the audit entry (never the FX thread)
     */
    public static ResetOffsetsDialog show(Window owner, BrokerConnection connection, String cluster, String group,
                                          AuditLog audit, Executor background) {
        var reset = new OffsetReset(connection, cluster, audit, Clock.systemUTC(), background);
        var model = new ResetOffsetsViewModel(reset, group, Clock.systemUTC(), background, Platform::runLater);
        var dialog = new ResetOffsetsDialog(owner, model, null);
        dialog.show();
        model.preview();
        return dialog;
    }

    ResetOffsetsViewModel model() {
        return model;
    }

    private boolean askFirst(String question) {
        var alert = new Alert(Alert.AlertType.CONFIRMATION, question, RESET, ButtonType.CANCEL);
        alert.initOwner(getDialogPane().getScene().getWindow());
        alert.setHeaderText("Reset the offsets of group " + model.group() + "?");
        alert.getDialogPane().setId("reset-confirmation");
        return alert.showAndWait().filter(RESET::equals).isPresent();
    }

    private static TableView<PartitionReset> table(ResetOffsetsViewModel model) {
        var table = new TableView<>(model.rows());
        table.setId("reset-table");
        table.getStyleClass().add(Styles.DENSE);
        table.setPrefHeight(220);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Preview to see each partition's offsets before and after."));
        table.getColumns().setAll(List.of(
                column("Partition", row -> row.partition().label(), false),
                column("Current", row -> row.current() < 0 ? "none" : Formats.count(row.current()), true),
                column("New", row -> Formats.count(row.newOffset()), true),
                column("End", row -> Formats.count(row.end()), true),
                column("Lag after", row -> Formats.count(row.resultingLag()), true)));
        return table;
    }

    private static TableColumn<PartitionReset, String> column(String title, Function<PartitionReset, String> text,
                                                             boolean number) {
        var column = new TableColumn<PartitionReset, String>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        if (number) {
            column.setStyle("-fx-alignment: CENTER-RIGHT;");
        }
        return column;
    }
}
