package dev.flowdeck.views.replay;

import atlantafx.base.theme.Styles;
import dev.flowdeck.core.audit.AuditEntry;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.views.common.Columns;
import dev.flowdeck.views.common.Formats;
import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * What operators changed from this machine (replays, offset resets), newest first, with the selected entry's detail
 * in full; exported as JSON Lines or CSV for an incident review. Read and written off the FX thread.
 */
public final class AuditTrailDialog extends Stage {

    /** Enough for weeks of incidents; the log itself keeps everything. */
    static final int SHOWN = 5_000;

    private final TableView<AuditEntry> table = new TableView<>();
    private final Label status = new Label("Reading the audit log…");
    private final ReplayService service;
    private final Executor ui;
    private List<AuditEntry> oldestFirst = List.of();

    /** @param ui the FX thread ({@code Platform::runLater}) */
    public AuditTrailDialog(Window owner, ReplayService service, Executor ui) {
        this.service = service;
        this.ui = ui;
        initOwner(owner);
        setTitle("Audit log");
        table.setId("audit-entries");
        table.getStyleClass().add(Styles.DENSE);
        table.setPlaceholder(new Label("Nothing recorded yet: replays and offset resets are recorded here."));
        table.getColumns().setAll(List.of(
                Columns.text("When", entry -> Formats.timestamp(entry.at()), 150),
                Columns.text("Cluster", AuditEntry::cluster, 110),
                Columns.text("Who", AuditEntry::operator, 80),
                Columns.text("Action", AuditEntry::action, 110),
                Columns.text("Target", AuditEntry::target, 160),
                Columns.text("Outcome", AuditEntry::outcome, 220)));
        var detail = new TextArea();
        detail.setId("audit-detail");
        detail.setEditable(false);
        detail.setWrapText(true);
        detail.setPrefRowCount(6);
        table.getSelectionModel().selectedItemProperty().subscribe(entry -> detail.setText(entry == null ? ""
                : entry.detail()));
        status.setId("audit-status");
        status.setWrapText(true);

        var jsonLines = new Button("Export JSON Lines…");
        jsonLines.setId("audit-export-jsonl");
        jsonLines.setOnAction(event -> export(true));
        var csv = new Button("Export CSV…");
        csv.setId("audit-export-csv");
        csv.setOnAction(event -> export(false));
        var close = new Button("Close");
        close.setCancelButton(true);
        close.setOnAction(event -> close());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var buttons = new HBox(8, status, spacer, jsonLines, csv, close);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(table, Priority.ALWAYS);
        var body = new VBox(8, table, detail, buttons);
        body.setPadding(new Insets(12));
        setScene(new Scene(new BorderPane(body), 900, 560));

        service.auditTrail(SHOWN).whenComplete((entries, failure) -> ui.execute(() -> show(entries, failure)));
    }

    private void show(List<AuditEntry> entries, Throwable failure) {
        if (failure != null) {
            status.setText("The audit log could not be read: " + Failures.sentence(failure));
            return;
        }
        oldestFirst = entries;
        List<AuditEntry> newestFirst = new ArrayList<>(entries);
        Collections.reverse(newestFirst);
        table.getItems().setAll(newestFirst);
        status.setText(Formats.count(entries.size()) + (entries.size() == 1 ? " entry" : " entries")
                + (entries.size() >= SHOWN ? " (the newest)" : ""));
    }

    private void export(boolean jsonLines) {
        var chooser = new FileChooser();
        chooser.setTitle("Export the audit log");
        chooser.setInitialFileName(jsonLines ? "flowdeck-audit.jsonl" : "flowdeck-audit.csv");
        File file = chooser.showSaveDialog(this);
        if (file == null) {
            return;
        }
        List<AuditEntry> entries = oldestFirst;
        service.exportAudit(entries, file.toPath(), jsonLines).whenComplete((ignored, failure) -> ui.execute(() -> status.setText(failure == null
                ? Formats.count(entries.size()) + " entries exported to " + file
                : "The export failed: " + Failures.sentence(failure))));
    }
}
