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
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/**
 * The Schema tab: the record's schema id, where the registry files it (subject and version), every version of that
 * subject with the one this record uses marked, and any version's schema on selection. A value that could not be
 * read, or does not match its schema, says so above it all. Versions are read from the registry off the FX thread;
 * a failure is a sentence in the pane.
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
    private final ListView<VersionItem> versions = new ListView<>();
    private final TextArea text = ReadOnlyText.monospace("detail-schema");
    /** Answers for an earlier record (or version) arrive late: only the latest request's answer is shown. */
    private long shownRequest;
    private String recordSchemaText = "";
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
        versions.setId("schema-versions");
        versions.setPrefWidth(220);
        versions.setPlaceholder(new Label("No versions to list."));
        versions.getSelectionModel().selectedItemProperty().subscribe(this::showVersion);
        var split = new SplitPane(versions, text);
        split.setDividerPositions(0.25);
        var top = new VBox(4, summary, mismatch, status);
        top.setPadding(new Insets(4, 8, 4, 8));
        setTop(top);
        setCenter(split);
    }

    void show(MessageInspection inspection) {
        long request = ++shownRequest;
        versions.getItems().clear();
        status.setText("");
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
        summary.setText(decoded.format() + (decoded.schemaId() < 0 ? "" : " schema id " + decoded.schemaId())
                + (decoded.subject().isEmpty() ? "" : ", filed as " + decoded.subject()));
        mismatch.setText(!decoded.isRead() ? "This value could not be read through its schema: " + decoded.problem()
                : decoded.mismatch() != null ? "This value does not match its schema: " + decoded.mismatch() : "");
        mismatch.setManaged(!mismatch.getText().isEmpty());
        if (decoded.schemaId() < 0 || !browser.schemas().hasRegistry()) {
            return;
        }
        int id = decoded.schemaId();
        SchemaAccess.SchemaVersions cached = known.get(id);
        if (cached != null) {
            list(id, cached);
            return;
        }
        status.setText("Reading the versions of schema " + id + "…");
        browser.schemaVersions(id).whenComplete((found, failure) -> Platform.runLater(() -> {
            if (request != shownRequest) {
                return;
            }
            if (failure != null) {
                status.setText("The versions could not be read: " + Failures.sentence(failure));
                return;
            }
            known.put(id, found);
            list(id, found);
        }));
    }

    private void list(int id, SchemaAccess.SchemaVersions found) {
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
        if (mine != null) {
            versions.getSelectionModel().select(mine);
            versions.scrollTo(mine);
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
            if (request != shownRequest || versions.getSelectionModel().getSelectedItem() != item) {
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
