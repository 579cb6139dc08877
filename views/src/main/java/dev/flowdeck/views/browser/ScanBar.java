package dev.flowdeck.views.browser;

import atlantafx.base.theme.Styles;
import dev.flowdeck.core.browse.ScanProgress;
import dev.flowdeck.views.common.Formats;
import java.util.TreeSet;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The top of a browser: where to start, what to look for, and how far the scan has come. Every field is bound to
 * the {@link ScanForm}; Enter in any field starts the scan, Escape stops it.
 */
final class ScanBar extends VBox {

    private final BrowserViewModel browser;
    private final TextField positionValue = new TextField();

    ScanBar(BrowserViewModel browser, boolean kafka) {
        this.browser = browser;
        ScanForm form = browser.form();
        setSpacing(6);
        setPadding(new Insets(8, 8, 4, 8));

        var position = new ChoiceBox<Position>();
        position.setId("scan-position");
        position.getItems().setAll(Position.values());
        if (!browser.seekable()) {
            // A queue is read from its head: it has no offsets, times or "last N" to seek to.
            position.getItems().setAll(Position.BEGINNING);
            form.positionProperty().set(Position.BEGINNING);
        } else if (!kafka) {
            // A stream seeks by offset and time, but AMQP does not say where it ends: no "last N".
            position.getItems().remove(Position.LAST_N);
            form.positionProperty().set(Position.BEGINNING);
        }
        position.valueProperty().bindBidirectional(form.positionProperty());
        position.setPrefWidth(175);

        positionValue.setId("scan-position-value");
        positionValue.setOnAction(event -> browser.start());
        positionValue.setPrefColumnCount(12);
        positionValue.textProperty().bindBidirectional(form.positionValueProperty());
        positionValue.visibleProperty().bind(form.positionProperty().map(Position::takesValue));
        positionValue.managedProperty().bind(positionValue.visibleProperty());
        form.positionProperty().subscribe(chosen -> positionValue.setPromptText(switch (chosen) {
            case LAST_N -> "how many, e.g. 100";
            case OFFSET -> "offset, e.g. 1200";
            case TIME -> "2026-11-27T08:30:00Z or 15m";
            default -> "";
        }));

        var follow = new CheckBox("then follow");
        follow.setId("scan-follow");
        follow.setTooltip(new Tooltip("Keep reading new messages after the end, until stopped"));
        follow.selectedProperty().bindBidirectional(form.followProperty());
        follow.visibleProperty().bind(form.positionProperty().map(chosen -> chosen != Position.LIVE)
                .map(notLive -> notLive && browser.seekable()));
        follow.managedProperty().bind(follow.visibleProperty());

        var start = new Button("Scan", new FontIcon("mdi2p-play"));
        start.setId("scan-start");
        // Not a default button: with several browser tabs open, Enter must scan the tab it was typed in.
        start.getStyleClass().add(Styles.ACCENT);
        start.setOnAction(event -> browser.start());
        var stop = new Button("Stop", new FontIcon("mdi2s-stop"));
        stop.setId("scan-stop");
        stop.disableProperty().bind(browser.scanningProperty().not());
        stop.setOnAction(event -> browser.cancel());

        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var positionRow = new HBox(6, new Label("Start"), position, positionValue, follow);
        if (kafka) {
            positionRow.getChildren().add(partitionsMenu(form));
        }
        positionRow.getChildren().addAll(spacer, start, stop);
        positionRow.setAlignment(Pos.CENTER_LEFT);
        // Controls keep their natural width; only the spacer gives way when the tab is narrow.
        positionRow.getChildren().stream().filter(node -> node != spacer && node instanceof Region)
                .forEach(node -> ((Region) node).setMinWidth(Region.USE_PREF_SIZE));

        getChildren().addAll(positionRow, filterRow(form, kafka), progressRow());
    }

    private HBox filterRow(ScanForm form, boolean kafka) {
        var row = new HBox(6,
                field("filter-contains", "Value contains", form.containsProperty(), 12),
                field("filter-regex", "Regex (RE2)", form.regexProperty(), 12),
                field("filter-key", kafka ? "Key equals" : "Routing key equals", form.keyProperty(), 10),
                field("filter-header", "Header name=value", form.headerProperty(), 12),
                field("filter-jsonpath", "JSONPath, e.g. $.amount > 100", form.jsonPathProperty(), 16),
                field("filter-until", "Until (time or 15m)", form.untilProperty(), 10));
        row.setAlignment(Pos.CENTER_LEFT);
        row.getChildren().forEach(node -> {
            HBox.setHgrow(node, Priority.ALWAYS);
            ((Region) node).setMinWidth(60); // a narrow tab shrinks the filters, never pushes Scan off screen
        });
        return row;
    }

    private TextField field(String id, String prompt, javafx.beans.property.StringProperty bound, int columns) {
        var field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setTooltip(new Tooltip(prompt));
        field.setPrefColumnCount(columns);
        field.textProperty().bindBidirectional(bound);
        field.setOnAction(event -> browser.start()); // Enter in any filter scans
        return field;
    }

    private MenuButton partitionsMenu(ScanForm form) {
        var menu = new MenuButton();
        menu.setId("scan-partitions");
        menu.textProperty().bind(Bindings.createStringBinding(() -> form.partitions().isEmpty()
                ? "All partitions" : "Partitions " + new TreeSet<>(form.partitions()), form.partitions()));
        menu.setOnShowing(event -> {
            var all = new MenuItem("All partitions");
            all.setOnAction(e -> form.partitions().clear());
            menu.getItems().setAll(all, new SeparatorMenuItem());
            for (PartitionRow row : browser.partitions()) {
                var item = new CheckMenuItem("Partition " + row.partition() + "  (" + Formats.count(row.count())
                        + ")");
                item.setSelected(form.partitions().contains(row.partition()));
                item.selectedProperty().subscribe(selected -> {
                    if (selected) {
                        form.partitions().add(row.partition());
                    } else {
                        form.partitions().remove(row.partition());
                    }
                });
                menu.getItems().add(item);
            }
        });
        return menu;
    }

    private VBox progressRow() {
        var bar = new ProgressBar(0);
        bar.setId("scan-progress");
        bar.setPrefWidth(220);
        bar.visibleProperty().bind(browser.scanningProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        bar.progressProperty().bind(browser.progressProperty().map(ScanBar::barValue));

        var status = new Label();
        status.setId("scan-status");
        status.textProperty().bind(Bindings.createStringBinding(() -> browser.scanningProperty().get()
                        ? describe(browser.progressProperty().get(),
                                browser.form().filtered() ? "matches" : "messages")
                        : browser.statusProperty().get(),
                browser.scanningProperty(), browser.progressProperty(), browser.statusProperty()));

        var notes = new Label();
        notes.setId("scan-notes");
        notes.setWrapText(true);
        notes.textProperty().bind(browser.notesProperty());
        notes.visibleProperty().bind(browser.notesProperty().isNotEmpty());
        notes.managedProperty().bind(notes.visibleProperty());
        notes.setGraphic(new FontIcon("mdi2i-information-outline"));

        var error = new Label();
        error.setId("scan-error");
        error.setWrapText(true);
        error.getStyleClass().add("danger");
        error.textProperty().bind(browser.errorProperty());
        error.visibleProperty().bind(browser.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setGraphic(new FontIcon("mdi2a-alert-circle-outline"));

        var line = new HBox(8, bar, status);
        line.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, line, notes, error);
    }

    private static double barValue(ScanProgress progress) {
        double fraction = progress.fraction();
        return fraction < 0 ? ProgressBar.INDETERMINATE_PROGRESS : fraction;
    }

    /** "1,204,331 of 6,000,000 scanned · 412 matches · 180,000/s · 24.0 s left". */
    static String describe(ScanProgress progress, String found) {
        var text = new StringBuilder(Formats.count(progress.scanned()));
        if (progress.total() >= 0) {
            text.append(" of ").append(Formats.count(progress.total()));
        }
        text.append(" scanned · ").append(Formats.count(progress.matched())).append(' ').append(found);
        if (progress.perSecond() > 0) {
            text.append(" · ").append(Formats.count(Math.round(progress.perSecond()))).append("/s");
        }
        progress.remaining().ifPresent(left -> text.append(" · ").append(Formats.duration(left)).append(" left"));
        return text.toString();
    }
}
