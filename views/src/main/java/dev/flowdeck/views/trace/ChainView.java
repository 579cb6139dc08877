package dev.flowdeck.views.trace;

import atlantafx.base.theme.Styles;
import dev.flowdeck.core.trace.Chain;
import dev.flowdeck.core.trace.ChainEvent;
import dev.flowdeck.core.trace.StopPoint;
import dev.flowdeck.views.common.Formats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;

/**
 * One chain: the timeline on the left, its events as a table on the right, what went wrong (stop point, dead
 * letters) above. Selecting an event in either selects it in both; double-click or Enter opens it in the browser.
 */
public final class ChainView extends BorderPane {

    private final TraceViewModel model;
    private final ChainTimeline timeline;
    private final TableView<ChainEvent> table = new TableView<>();
    private final Label summary = new Label();

    /** @param onOpen told the event the operator opens, to show it in the browser */
    public ChainView(TraceViewModel model, Consumer<ChainEvent> onOpen) {
        this.model = model;
        setId("chain-view");
        timeline = new ChainTimeline(event -> table.getSelectionModel().select(event), onOpen);
        table.setId("chain-events");
        table.setItems(model.events());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No chain shown."));
        table.getColumns().addAll(List.of(
                column("Time", 95, event -> Formats.clock(event.timestamp())),
                column("Destination", 130, ChainEvent::destination),
                column("Part.", 45, event -> Integer.toString(event.partition())),
                column("Offset", 70, event -> event.offset() < 0 ? "" : Long.toString(event.offset())),
                column("After", 70, this::after),
                column("Dead letter", 160, event -> event.deadLetter() ? ChainTimeline.reason(event) : "")));
        table.setRowFactory(view -> {
            var row = new TableRow<ChainEvent>();
            row.setOnMouseClicked(click -> {
                if (click.getClickCount() == 2 && !row.isEmpty()) {
                    onOpen.accept(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(key -> {
            ChainEvent chosen = table.getSelectionModel().getSelectedItem();
            if (key.getCode() == KeyCode.ENTER && chosen != null) {
                onOpen.accept(chosen);
                key.consume();
            }
        });
        table.getSelectionModel().selectedItemProperty().subscribe(timeline::select);

        summary.setId("chain-summary");
        summary.setWrapText(true);
        summary.setPadding(new Insets(6, 10, 6, 10));
        summary.setMaxWidth(Double.MAX_VALUE);

        var split = new SplitPane(timeline, table);
        split.setDividerPositions(0.6);
        setTop(summary);
        setCenter(split);

        model.chainProperty().subscribe(this::refresh);
        model.stopProperty().subscribe(stop -> refresh());
    }

    private void refresh() {
        Chain chain = model.chainProperty().get();
        StopPoint stop = model.stopProperty().get();
        timeline.show(chain, stop);
        summary.getStyleClass().removeAll(Styles.DANGER, Styles.WARNING);
        summary.setText(chain == null ? "" : said(chain, stop));
        if (chain != null && (!chain.deadLetters().isEmpty() || stop != null && stop.overdue())) {
            summary.getStyleClass().add(Styles.DANGER);
        } else if (stop != null) {
            summary.getStyleClass().add(Styles.WARNING);
        }
    }

    /** What went wrong with the chain, in a sentence or two; what went right needs no words beyond the timeline. */
    static String said(Chain chain, StopPoint stop) {
        List<String> parts = new ArrayList<>();
        for (ChainEvent dead : chain.deadLetters()) {
            parts.add("Dead-lettered to " + dead.destination() + ": " + ChainTimeline.reason(dead) + ".");
        }
        if (stop != null) {
            parts.add("Stopped at %s: expected next: %s (%.0f%% of events there go on), never came%s.".formatted(
                    stop.stoppedAt(), stop.expectedNext(), stop.shareThatContinue() * 100,
                    stop.overdue() ? ", " + Formats.duration(stop.waited()) + " after its last event"
                            : " yet; it may still be on its way"));
        }
        if (parts.isEmpty()) {
            parts.add("Went all the way: " + String.join(" → ", chain.path().stream().distinct().toList())
                    + " in " + Formats.duration(chain.span()) + ".");
        }
        return String.join(" ", parts);
    }

    private String after(ChainEvent event) {
        int at = model.events().indexOf(event);
        return at <= 0 ? "" : "+" + Formats.duration(Duration.between(model.events().get(at - 1).timestamp(),
                event.timestamp()));
    }

    private static TableColumn<ChainEvent, String> column(String title, double width,
                                                         Function<ChainEvent, String> text) {
        var column = new TableColumn<ChainEvent, String>(title);
        column.setPrefWidth(width);
        column.setSortable(false); // time order is the point of a chain
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        return column;
    }

    ChainTimeline timeline() {
        return timeline;
    }

    TableView<ChainEvent> table() {
        return table;
    }
}
