package dev.flowdeck.views.browser;

import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.decode.DecodedValue;
import dev.flowdeck.core.decode.PayloadText;
import dev.flowdeck.core.decode.SchemaAccess;
import dev.flowdeck.views.common.ReadOnlyText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Schema tab: the record's schema id, where the registry files it (subject and version), every version of that
 * subject with the one this record uses marked, and any version's schema on selection. A value that could not be
 * read, or does not match its schema, says so above it all. Versions are read from the registry off the FX thread;
 * a failure is a sentence in the pane.
 *
 * <p>Versions are kept per schema id for the tab's life, so arrowing through rows of one schema asks once. They are
 * read again when they may have changed: Refresh asks for the shown record's schema at once, and a record of a schema
 * id not seen yet (usually a version registered since) is read, its subjects' lists then standing for every schema
 * id known under those subjects.
 */
final class SchemaPane extends BorderPane {

    /** One line of the versions list: a subject's version, and whether this record was written with it. */
    record VersionItem(String subject, int version, boolean thisRecords) {
        @Override
        public String toString() {
            return subject + " v" + version + (thisRecords ? "  (this record)" : "");
        }
    }

    private final BrowserViewModel browser;
    private final Label summary = new Label();
    private final Label mismatch = new Label();
    private final Label status = new Label();
    private final Button refresh = new Button("Refresh");
    private final ListView<VersionItem> versions = new ListView<>();
    private final TextArea text = ReadOnlyText.monospace("detail-schema");
    /** Answers for an earlier record (or version) arrive late: only the latest request's answer is shown. */
    private long shownRequest;
    /** The latest request for versions (a record shown, or Refresh): an earlier answer is not listed over it. */
    private long versionsRequest;
    private String recordSchemaText = "";
    /** The schema id of the record shown, or -1 when it has none (or there is no registry to ask). */
    private int shownId = -1;
    /** Versions read this session, by schema id: arrowing through rows of one schema asks the registry once. */
    private final Map<Integer, SchemaAccess.SchemaVersions> known = new HashMap<>();

    SchemaPane(BrowserViewModel browser) {
        this.browser = browser;
        setId("schema-pane");
        summary.setId("schema-summary");
        summary.setWrapText(true);
        mismatch.setId("schema-mismatch");
        mismatch.setWrapText(true);
        mismatch.setStyle("-fx-text-fill: -color-danger-fg;");
        status.setId("schema-status");
        status.setWrapText(true);
        refresh.setId("schema-refresh");
        refresh.setGraphic(new FontIcon("mdi2r-refresh"));
        refresh.setTooltip(new Tooltip("Read this subject's versions from the registry again (versions registered "
                + "since they were read)"));
        refresh.setDisable(true);
        refresh.setOnAction(event -> refresh());
        versions.setId("schema-versions");
        versions.setPrefWidth(220);
        versions.setPlaceholder(new Label("No versions to list."));
        versions.getSelectionModel().selectedItemProperty().subscribe(this::showVersion);
        var split = new SplitPane(versions, text);
        split.setDividerPositions(0.25);
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox.setHgrow(summary, Priority.SOMETIMES);
        var heading = new HBox(8, summary, spacer, refresh);
        heading.setAlignment(Pos.CENTER_LEFT);
        var top = new VBox(4, heading, mismatch, status);
        top.setPadding(new Insets(4, 8, 4, 8));
        setTop(top);
        setCenter(split);
    }

    void show(MessageInspection inspection) {
        ++shownRequest;
        versions.getItems().clear();
        status.setText("");
        shownId = -1;
        refresh.setDisable(true);
        DecodedValue decoded = inspection == null ? null : inspection.row().message().decoded();
        if (decoded == null) {
            summary.setText("");
            mismatch.setText("");
            text.clear();
            recordSchemaText = "";
            return;
        }
        recordSchemaText = inspection.schema();
        text.setText(recordSchemaText);
        summary.setText(decoded.format() + (decoded.messageType().isEmpty() ? "" : " " + decoded.messageType())
                + (decoded.schemaId() < 0 ? "" : " schema id " + decoded.schemaId())
                + (decoded.subject().isEmpty() ? "" : ", filed as " + decoded.subject()));
        mismatch.setText(!decoded.isRead() ? "This value could not be read through its schema: " + decoded.problem()
                : decoded.mismatch() != null ? "This value does not match its schema: " + decoded.mismatch() : "");
        mismatch.setManaged(!mismatch.getText().isEmpty());
        if (decoded.schemaId() < 0 || !browser.schemas().hasRegistry()) {
            return;
        }
        shownId = decoded.schemaId();
        SchemaAccess.SchemaVersions cached = known.get(shownId);
        if (cached != null) {
            refresh.setDisable(false);
            list(shownId, cached);
            return;
        }
        read(shownId, "Reading the versions of schema " + shownId + "…");
    }

    /** Reads the shown record's versions again: what was registered since shows, whatever is cached. */
    private void refresh() {
        if (shownId >= 0) {
            read(shownId, "Reading the versions of schema " + shownId + " again…");
        }
    }

    private void read(int id, String reading) {
        long record = shownRequest;
        long request = ++versionsRequest;
        refresh.setDisable(true);
        status.setText(reading);
        browser.schemaVersions(id).whenComplete((found, failure) -> Platform.runLater(() -> {
            if (record != shownRequest || request != versionsRequest) {
                return;
            }
            refresh.setDisable(false);
            if (failure != null) {
                status.setText("The versions could not be read: " + Failures.sentence(failure));
                return;
            }
            learn(found);
            list(id, found);
        }));
    }

    /**
     * Keeps an answer, and gives its subjects' version lists to every other schema id known under those subjects:
     * the registry only adds versions, so the newest answer for a subject is the right list for all its ids.
     */
    private void learn(SchemaAccess.SchemaVersions found) {
        Map<String, List<Integer>> latest = new HashMap<>();
        found.subjects().forEach(subject -> latest.put(subject.subject(), subject.versions()));
        known.replaceAll((id, versionsOfId) -> new SchemaAccess.SchemaVersions(id, versionsOfId.subjects().stream()
                .map(subject -> new SchemaAccess.SubjectVersions(subject.subject(), subject.version(),
                        latest.getOrDefault(subject.subject(), subject.versions())))
                .toList()));
        known.put(found.schemaId(), found);
    }

    private void list(int id, SchemaAccess.SchemaVersions found) {
        VersionItem selected = versions.getSelectionModel().getSelectedItem();
        List<VersionItem> items = new ArrayList<>();
        VersionItem mine = null;
        for (SchemaAccess.SubjectVersions subject : found.subjects()) {
            for (int version : subject.versions()) {
                var item = new VersionItem(subject.subject(), version, version == subject.version());
                items.add(item);
                if (item.thisRecords() && mine == null) {
                    mine = item;
                }
            }
        }
        status.setText(found.subjects().isEmpty() ? "The registry files schema " + id + " under no subject."
                : describe(found));
        versions.getItems().setAll(items);
        // A refresh keeps the version the operator was reading; a record newly shown opens at its own.
        VersionItem select = selected != null && items.contains(selected) ? selected : mine;
        if (select != null) {
            versions.getSelectionModel().select(select);
            versions.scrollTo(select);
        }
    }

    private static String describe(SchemaAccess.SchemaVersions found) {
        var parts = new ArrayList<String>();
        for (SchemaAccess.SubjectVersions subject : found.subjects()) {
            int latest = subject.versions().isEmpty() ? subject.version() : subject.versions().getLast();
            parts.add(subject.subject() + ": this record uses version " + subject.version() + " of "
                    + subject.versions().size() + (subject.version() == latest ? " (the latest)"
                    : " (the latest is " + latest + ")"));
        }
        return String.join("; ", parts) + ".";
    }

    private void showVersion(VersionItem item) {
        if (item == null) {
            return;
        }
        if (item.thisRecords()) {
            text.setText(recordSchemaText);
            return;
        }
        long request = shownRequest;
        text.setText("Reading " + item.subject() + " v" + item.version() + "…");
        browser.schemaVersion(item.subject(), item.version()).whenComplete((found, failure) -> Platform.runLater(() -> {
            if (request != shownRequest || !item.equals(versions.getSelectionModel().getSelectedItem())) {
                return;
            }
            if (failure != null) {
                text.setText("That version could not be read: " + Failures.sentence(failure));
                return;
            }
            String body = PayloadText.prettyJson(found.text().getBytes(StandardCharsets.UTF_8)).orElse(found.text());
            text.setText(found.format() + " schema id " + found.schemaId() + "\nSubject " + found.subject() + " v"
                    + found.version() + "\n\n" + body);
        }));
    }
}
