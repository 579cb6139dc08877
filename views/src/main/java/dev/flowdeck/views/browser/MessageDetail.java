package dev.flowdeck.views.browser;

import atlantafx.base.theme.Styles;
import dev.flowdeck.core.decode.JsonTree;
import dev.flowdeck.views.common.Formats;
import dev.flowdeck.views.common.ReadOnlyText;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The selected message in full: value as text or pretty JSON, as a collapsible JSON tree, as hex; the key; every
 * header decoded; the broker's properties. Shows what {@link MessageInspection} decoded off the UI thread.
 */
final class MessageDetail extends BorderPane {

    private final Label coordinates = new Label("Select a message to see it here.");
    private final Hyperlink trace = new Hyperlink();
    private final Label note = new Label();
    private final Button fetchWhole = new Button("Load the whole message", new FontIcon("mdi2d-download"));
    private final TextArea value = ReadOnlyText.monospace("detail-value");
    private final TreeView<JsonTree.Node> tree = new TreeView<>();
    private final TextArea hex = ReadOnlyText.monospace("detail-hex");
    private final TextArea key = ReadOnlyText.monospace("detail-key");
    private final TableView<MessageInspection.Field> headers = fieldTable("detail-headers", "No headers.");
    private final TableView<MessageInspection.Field> properties = fieldTable("detail-properties",
            "No properties.");
    private final Tab treeTab = new Tab("Tree", tree);
    private final Tab propertiesTab = new Tab("Properties", properties);
    private final SchemaPane schema;
    private final Tab schemaTab;
    private final MaskedFieldsPane maskedFields;
    private final Tab maskedTab;
    private final TabPane tabs = new TabPane();
    private final boolean seekable;

    /**
     * @param onTrace told the trace id when the operator follows the trace link (the trace-chain view takes it
     *                from there)
     */
    MessageDetail(BrowserViewModel browser, Consumer<String> onTrace) {
        setId("message-detail");
        this.seekable = browser.seekable();
        this.maskedFields = new MaskedFieldsPane(browser);
        this.maskedTab = new Tab("Masked", maskedFields);
        this.schema = new SchemaPane(browser);
        this.schemaTab = new Tab("Schema", schema);
        schemaTab.setId("detail-schema-tab");
        coordinates.setId("detail-coordinates");
        trace.setId("detail-trace");
        trace.setGraphic(new FontIcon("mdi2t-transit-connection-variant"));
        trace.setOnAction(event -> onTrace.accept((String) trace.getUserData()));
        note.setId("detail-note");
        note.setWrapText(true);
        fetchWhole.setId("detail-fetch-whole");
        fetchWhole.setOnAction(event -> browser.fetchWhole());
        tree.setId("detail-tree");
        tree.setCellFactory(ignored -> new JsonTreeCell());

        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var top = new HBox(8, coordinates, spacer, trace, fetchWhole);
        top.setAlignment(Pos.CENTER_LEFT);
        var header = new VBox(4, top, note);
        header.setPadding(new Insets(4, 8, 4, 8));

        var valueTab = new Tab("Value", value);
        var hexTab = new Tab("Hex", hex);
        var keyTab = new Tab("Key", key);
        var headersTab = new Tab("Headers", headers);
        tabs.getTabs().setAll(valueTab, treeTab, hexTab, keyTab, headersTab, propertiesTab, schemaTab, maskedTab);
        tabs.getTabs().forEach(tab -> tab.setClosable(false));
        tabs.setId("detail-tabs");

        setTop(header);
        setCenter(tabs);
        browser.inspectionProperty().subscribe(this::show);
    }

    private void show(MessageInspection inspection) {
        boolean shown = inspection != null;
        maskedFields.show(inspection);
        int maskedCount = shown ? inspection.masked().size() : 0;
        maskedTab.setText(maskedCount == 0 ? "Masked" : "Masked (" + maskedCount + ")");
        maskedTab.setDisable(maskedCount == 0);
        if (maskedTab.isDisabled() && tabs.getSelectionModel().getSelectedItem() == maskedTab) {
            tabs.getSelectionModel().selectFirst();
        }
        fetchWhole.setVisible(shown && seekable && !inspection.whole() && inspection.row().truncated());
        fetchWhole.setManaged(fetchWhole.isVisible());
        if (!shown) {
            coordinates.setText("Select a message to see it here.");
            trace.setVisible(false);
            note.setText("");
            value.clear();
            hex.clear();
            key.clear();
            tree.setRoot(null);
            headers.getItems().clear();
            properties.getItems().clear();
            schema.show(null);
            return;
        }
        coordinates.setText(inspection.coordinates());
        inspection.traceId().ifPresentOrElse(id -> {
            trace.setText("trace " + id);
            trace.setUserData(id);
            trace.setTooltip(new Tooltip("Copy the trace id (the trace view will follow it across topics and queues)"));
            trace.setVisible(true);
        }, () -> trace.setVisible(false));
        note.setText(inspection.note());
        if (!inspection.whole() && inspection.row().truncated()) {
            fetchWhole.setText("Load the whole message (" + Formats.bytes(inspection.row().valueBytes()) + ")");
        }
        value.setText(inspection.valueText());
        hex.setText(inspection.valueHex());
        key.setText(inspection.keyText());
        tree.setRoot(inspection.valueTree().map(MessageDetail::item).orElse(null));
        treeTab.setDisable(inspection.valueTree().isEmpty());
        if (treeTab.isDisabled() && tabs.getSelectionModel().getSelectedItem() == treeTab) {
            tabs.getSelectionModel().selectFirst();
        }
        headers.getItems().setAll(inspection.headers());
        properties.getItems().setAll(inspection.properties());
        propertiesTab.setDisable(inspection.properties().isEmpty());
        schema.show(inspection);
        schemaTab.setDisable(inspection.schema().isEmpty());
        if (schemaTab.isDisabled() && tabs.getSelectionModel().getSelectedItem() == schemaTab) {
            tabs.getSelectionModel().selectFirst();
        }
    }

    /** The tree opens two levels deep: enough to see an event's shape without unfolding every array. */
    private static TreeItem<JsonTree.Node> item(JsonTree.Node node) {
        return item(node, 0);
    }

    private static TreeItem<JsonTree.Node> item(JsonTree.Node node, int depth) {
        var item = new TreeItem<>(node);
        for (JsonTree.Node child : node.children()) {
            item.getChildren().add(item(child, depth + 1));
        }
        item.setExpanded(depth < 2);
        return item;
    }


    private static TableView<MessageInspection.Field> fieldTable(String id, String empty) {
        var table = new TableView<MessageInspection.Field>();
        table.setId(id);
        table.setPlaceholder(new Label(empty));
        table.getStyleClass().add(Styles.DENSE);
        var name = new TableColumn<MessageInspection.Field, String>("Name");
        name.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().name()));
        name.setPrefWidth(220);
        var shown = new TableColumn<MessageInspection.Field, String>("Value");
        shown.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().value()));
        shown.setPrefWidth(480);
        var kind = new TableColumn<MessageInspection.Field, String>("Shown as");
        kind.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().kind()));
        kind.setPrefWidth(90);
        table.getColumns().setAll(java.util.List.of(name, shown, kind));
        return table;
    }

    /** "amount: 125.5", "items [3]", "customer {4}". */
    private static final class JsonTreeCell extends javafx.scene.control.TreeCell<JsonTree.Node> {
        @Override
        protected void updateItem(JsonTree.Node node, boolean empty) {
            super.updateItem(node, empty);
            if (empty || node == null) {
                setText(null);
                return;
            }
            setText(switch (node.kind()) {
                case OBJECT -> node.name() + " {" + node.children().size() + "}";
                case ARRAY -> node.name() + " [" + node.children().size() + "]";
                case MORE -> node.value();
                default -> node.name() + ": " + node.value();
            });
        }
    }
}
