package dev.flowdeck.views.trace;

import atlantafx.base.theme.Styles;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The traces tab of one cluster: what to index and how far back, the search by trace id or business key, the
 * chain found and the flow learned. Enter in the search field searches; Escape stops indexing.
 */
public final class TraceView extends BorderPane {

    private final TraceViewModel model;
    private final TabPane views = new TabPane();
    private final Tab chainTab;

    /**
     * @param opener  opens an event in the browser and says what it did
     * @param openUrl opens the tracing UI's address (the desktop's browser in the app)
     */
    public TraceView(TraceViewModel model, EventOpener opener, Consumer<String> openUrl) {
        this.model = model;
        setId("trace-view");

        var destinations = new TextField();
        destinations.setId("trace-destinations");
        destinations.setPromptText("every topic (or name some: orders, payments)");
        destinations.textProperty().bindBidirectional(model.destinationsProperty());
        HBox.setHgrow(destinations, Priority.ALWAYS);
        var span = new ChoiceBox<IndexSpan>();
        span.setId("trace-span");
        span.getItems().setAll(IndexSpan.values());
        span.valueProperty().bindBidirectional(model.spanProperty());
        var index = new Button("Index", new FontIcon("mdi2d-database-search-outline"));
        index.setId("trace-index");
        index.setTooltip(new Tooltip("Read the window once and index its chains in memory"));
        index.setOnAction(event -> model.index());
        index.disableProperty().bind(model.runningProperty());
        var cancel = new Button("Stop");
        cancel.setId("trace-cancel");
        cancel.setOnAction(event -> model.cancel());
        cancel.visibleProperty().bind(model.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        var bar = new ProgressBar();
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.runningProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        var progress = new Label();
        progress.textProperty().bind(model.progressTextProperty());
        var indexRow = row(new Label("Index"), destinations, span, index, cancel, bar, progress);

        var search = new TextField();
        search.setId("trace-search");
        search.setPromptText("trace id (32 hex digits) or business key (order id, correlation id)");
        search.setOnAction(event -> model.search(search.getText()));
        model.queryProperty().subscribe(query -> {
            if (!query.equals(search.getText())) {
                search.setText(query); // a trace link from the browser fills the field
            }
        });
        HBox.setHgrow(search, Priority.ALWAYS);
        var find = new Button("Find", new FontIcon("mdi2m-magnify"));
        find.setId("trace-find");
        find.setOnAction(event -> model.search(search.getText()));
        var link = new Hyperlink("Open in tracing UI", new FontIcon("mdi2o-open-in-new"));
        link.setId("trace-link");
        link.visibleProperty().bind(model.traceUrlProperty().isNotEmpty());
        link.managedProperty().bind(link.visibleProperty());
        link.setOnAction(event -> openUrl.accept(model.traceUrlProperty().get()));
        var searchRow = row(new Label("Find"), search, find, link);

        var status = new Label();
        status.setId("trace-status");
        status.textProperty().bind(model.statusProperty());
        var error = new Label();
        error.setId("trace-error");
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        var notes = new Label();
        notes.setId("trace-notes");
        notes.getStyleClass().add(Styles.TEXT_MUTED);
        notes.setWrapText(true);
        notes.textProperty().bind(model.notesProperty());

        chainTab = new Tab("Chain", new ChainView(model, event -> model.tell(opener.open(event))));
        chainTab.setId("trace-chain-tab");
        var flowTab = new Tab("Flow graph", new FlowGraphView(model.graphProperty()));
        flowTab.setId("trace-flow-tab");
        views.getTabs().addAll(chainTab, flowTab);
        views.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        var top = new VBox(4, indexRow, searchRow, status, error);
        top.setPadding(new Insets(8, 10, 4, 10));
        setTop(top);
        setCenter(views);
        setBottom(notes);
        BorderPane.setMargin(notes, new Insets(4, 10, 6, 10));

        setOnKeyPressed(event -> {
            if (event.getCode() == javafx.scene.input.KeyCode.ESCAPE && model.runningProperty().get()) {
                model.cancel();
                event.consume();
            }
        });
    }

    private static HBox row(javafx.scene.Node... nodes) {
        var row = new HBox(8, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** Shows the chain of a trace id (a trace link followed from the browser). */
    public void showTrace(String traceId) {
        views.getSelectionModel().select(chainTab);
        model.search(traceId);
    }

    public TraceViewModel model() {
        return model;
    }
}
