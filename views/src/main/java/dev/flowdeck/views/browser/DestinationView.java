package dev.flowdeck.views.browser;

import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.export.ExportFormat;
import dev.flowdeck.core.mask.MaskSuggestions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One destination, opened as a tab: its partitions, the scan bar, the kept messages and the selected one in
 * detail. Keyboard: Enter scans, Escape stops, Ctrl+L jumps to the filters, Ctrl+P produces; the table takes the
 * arrow keys and Ctrl+C.
 */
public final class DestinationView extends BorderPane {

    private static final Duration PARTITION_REFRESH = Duration.seconds(2);

    private final BrowserViewModel browser;
    private final Timeline partitionRefresh;

    /**
     * @param browser the view model of this destination's browser
     * @param kafka   whether the destination is a Kafka topic (partitions, keys, tombstones)
     * @param onTrace told a trace id when the operator follows a message's trace link
     * @param onReplay told the last scan when the operator replays its matches; empty where the destination cannot
     *                 be read again by position (a classic or quorum queue)
     */
    public DestinationView(BrowserViewModel browser, boolean kafka, Consumer<String> onTrace,
                           Optional<Consumer<BrowseRequest>> onReplay) {
        this.browser = browser;
        setId("destination-view");
        var scanBar = new ScanBar(browser, kafka);
        var clipboard = new MessageClipboard(browser);
        var table = new MessageTable(browser, kafka, clipboard);
        var detail = new MessageDetail(browser, onTrace);
        var split = new SplitPane(table, detail);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);

        var partitionsTable = new PartitionsTable(browser, kafka);
        partitionsTable.setPrefHeight(150);
        var partitions = new TitledPane(kafka ? "Partitions" : "Depth", partitionsTable);
        partitions.setId("partitions-pane");
        partitions.setAnimated(false);
        partitions.setExpanded(false);

        var produce = new Button("Produce…", new FontIcon("mdi2s-send"));
        produce.setId("produce-button");
        produce.setOnAction(event -> new ProduceDialog(getScene().getWindow(), browser, kafka).show());
        var tools = new ToolBar(produce, exportMenu(table));
        onReplay.ifPresent(replay -> {
            var replayMatches = new Button("Replay matches…", new FontIcon("mdi2r-replay"));
            replayMatches.setId("replay-matches-button");
            replayMatches.setTooltip(new Tooltip("Send every match of the last scan again, here or to another "
                    + "destination: planned, dry-run and journaled like a dead-letter replay"));
            replayMatches.disableProperty().bind(browser.scanningProperty());
            replayMatches.setOnAction(event -> browser.lastRequest().ifPresent(replay));
            tools.getItems().add(replayMatches);
        });
        var suggest = new Button("Suggest masking rules", new FontIcon("mdi2e-eye-off-outline"));
        suggest.setId("suggest-masking");
        suggest.setTooltip(new Tooltip("Look through the messages read for card numbers, e-mail addresses and IBANs, "
                + "and propose rules for the profile's masking"));
        suggest.setOnAction(event -> browser.suggestMasking().thenAccept(found -> Platform.runLater(
                () -> showSuggestions(found))));
        tools.getItems().add(suggest);
        if (kafka && browser.decodable()) {
            tools.getItems().addAll(decodeAs());
        }
        tools.getItems().addAll(exportStatus());

        setTop(new VBox(tools, scanBar, partitions));
        setCenter(split);

        setOnKeyPressed(event -> {
            if (new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN).match(event)) {
                scanBar.lookup("#filter-contains").requestFocus();
                event.consume();
            } else if (event.getCode() == KeyCode.ESCAPE && browser.scanningProperty().get()) {
                browser.cancel();
                event.consume();
            } else if (new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN).match(event)) {
                produce.fire();
                event.consume();
            }
        });

        // Ranges are read once for the partitions menu, then every 2 s only while the pane is open to show rates.
        partitionRefresh = new Timeline(new KeyFrame(PARTITION_REFRESH, event -> browser.refreshPartitions()));
        partitionRefresh.setCycleCount(Timeline.INDEFINITE);
        browser.refreshPartitions();
        partitions.expandedProperty().subscribe(open -> {
            if (open) {
                browser.refreshPartitions();
                partitionRefresh.play();
            } else {
                partitionRefresh.stop();
            }
        });
    }

    /** How the operator's choice reads in the profile ({@code flowdeck.schema.format.<topic>}). */
    enum DecodeChoice {
        AUTO("Auto", "auto"), AVRO("Avro", "avro"), PROTOBUF("Protobuf", "protobuf"),
        JSON_SCHEMA("JSON Schema", "json-schema"), JSON("JSON", "json"), TEXT("Text", "text"), HEX("Hex", "binary");

        final String label;
        final String format;

        DecodeChoice(String label, String format) {
            this.label = label;
            this.format = format;
        }

        static DecodeChoice of(String format) {
            String kind = format.contains(":") ? format.substring(0, format.indexOf(':')) : format;
            for (DecodeChoice choice : values()) {
                if (choice.format.equals(kind)) {
                    return choice;
                }
            }
            return AUTO;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * "Decode as": how this topic's values are read, saved in the profile and applied to the rows at once. Protobuf
     * may name its message type, for values written without the registry's frame (read from the profile's
     * descriptor set).
     */
    private List<Node> decodeAs() {
        var choice = new ComboBox<DecodeChoice>();
        choice.setId("decode-as");
        choice.getItems().setAll(DecodeChoice.values());
        choice.setTooltip(new Tooltip("How this topic's values are read: Auto finds the schema registry's frame on "
                + "each record; the choice is saved in the profile (flowdeck.schema.format." + browser.destination()
                + ") and the rows are read again at once"));
        var type = new TextField();
        type.setId("decode-as-type");
        type.setPromptText("message type (optional)");
        type.setPrefColumnCount(14);
        type.setTooltip(new Tooltip("A Protobuf message's full name, such as shop.Payment: values without the "
                + "registry's frame are read as that type from the profile's descriptor set "
                + "(flowdeck.schema.protobuf.descriptors). Press Enter to apply."));
        var status = new Label();
        status.setId("decode-status");
        status.textProperty().bind(browser.decodeStatusProperty());
        String current = browser.decodeAsProperty().get();
        choice.setValue(DecodeChoice.of(current));
        type.setText(current.contains(":") ? current.substring(current.indexOf(':') + 1) : "");
        type.visibleProperty().bind(choice.valueProperty().isEqualTo(DecodeChoice.PROTOBUF));
        type.managedProperty().bind(type.visibleProperty());
        Runnable apply = () -> {
            DecodeChoice chosen = choice.getValue();
            String format = chosen == DecodeChoice.PROTOBUF && !type.getText().isBlank()
                    ? chosen.format + ":" + type.getText().strip() : chosen.format;
            if (!format.equals(browser.decodeAsProperty().get())) {
                browser.decodeAs(format);
            }
        };
        choice.setOnAction(event -> apply.run());
        type.setOnAction(event -> apply.run());
        var descriptors = new Button("Descriptor set…", new FontIcon("mdi2f-file-tree-outline"));
        descriptors.setId("decode-as-descriptors");
        descriptors.setTooltip(new Tooltip("The compiled .proto files (protoc --include_imports "
                + "--descriptor_set_out=...) Protobuf values are read with where the registry serves no descriptor; "
                + "saved in the profile (flowdeck.schema.protobuf.descriptors). Now: "
                + (browser.schemas().descriptorSet().isEmpty() ? "none" : browser.schemas().descriptorSet())));
        descriptors.visibleProperty().bind(type.visibleProperty());
        descriptors.managedProperty().bind(descriptors.visibleProperty());
        descriptors.setOnAction(event -> {
            var chooser = new FileChooser();
            chooser.setTitle("Protobuf descriptor set");
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Descriptor sets", "*.desc", "*.pb",
                    "*.protoset", "*.bin"), new FileChooser.ExtensionFilter("All files", "*"));
            var file = chooser.showOpenDialog(getScene().getWindow());
            if (file != null) {
                browser.useDescriptorSet(file.toPath().toString());
            }
        });
        return List.of(new Label("Decode as"), choice, type, descriptors, status);
    }

    /** The proposals as lines to copy into the profile's masking (Edit connection…). */
    private void showSuggestions(List<MaskSuggestions.Suggestion> found) {
        var alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(getScene().getWindow());
        alert.setTitle("Masking suggestions");
        if (found.isEmpty()) {
            alert.setHeaderText("No card numbers, e-mail addresses or IBANs in the messages read that the profile's "
                    + "rules do not cover already.");
        } else {
            alert.setHeaderText("Copy these lines into the profile's masking (Edit connection…, Masking):");
            var lines = new TextArea(found.stream().map(suggestion -> suggestion.rule().line())
                    .collect(Collectors.joining("\n")) + "\n\n# why:\n" + found.stream()
                    .map(suggestion -> "# " + suggestion.spoken()).collect(Collectors.joining("\n")));
            lines.setId("masking-suggestions");
            lines.setEditable(false);
            lines.setPrefRowCount(Math.min(12, found.size() * 2 + 3));
            alert.getDialogPane().setContent(lines);
        }
        alert.show();
    }

    private MenuButton exportMenu(MessageTable table) {
        var menu = new MenuButton("Export", new FontIcon("mdi2f-file-export-outline"));
        menu.setId("export-menu");
        for (ExportFormat format : ExportFormat.values()) {
            String name = format == ExportFormat.CSV ? "CSV" : "JSON Lines";
            var selection = new MenuItem("Selected messages as " + name + "…");
            selection.setOnAction(event -> chooseFile(format).ifPresent(file -> browser.export()
                    .rows(List.copyOf(table.getSelectionModel().getSelectedItems()), file, format)));
            selection.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
            var everything = new MenuItem("Every match of the scan as " + name + "…");
            everything.setOnAction(event -> browser.lastRequest().ifPresent(scan -> chooseFile(format)
                    .ifPresent(file -> browser.export().everyMatch(scan, file, format))));
            menu.getItems().addAll(selection, everything);
        }
        menu.disableProperty().bind(browser.export().runningProperty());
        return menu;
    }

    private Optional<Path> chooseFile(ExportFormat format) {
        var chooser = new FileChooser();
        chooser.setTitle("Export to");
        chooser.setInitialFileName(browser.destination() + format.fileExtension());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.formatName(),
                "*" + format.fileExtension()));
        return Optional.ofNullable(chooser.showSaveDialog(getScene().getWindow())).map(java.io.File::toPath);
    }

    private List<Node> exportStatus() {
        var status = new Label();
        status.setId("export-status");
        status.textProperty().bind(browser.export().statusProperty());
        var cancel = new Button("Cancel export");
        cancel.setId("export-cancel");
        cancel.visibleProperty().bind(browser.export().runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(event -> browser.export().cancel());
        return List.of(status, cancel);
    }

    /** Stops the scan and the partition refresh: the tab was closed. */
    public void close() {
        partitionRefresh.stop();
        browser.close();
    }

    public BrowserViewModel browser() {
        return browser;
    }
}
