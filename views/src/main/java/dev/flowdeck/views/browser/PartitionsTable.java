package dev.flowdeck.views.browser;

import atlantafx.base.theme.Styles;
import dev.flowdeck.views.common.Formats;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Each partition's first and end offsets, how many messages it holds and how fast it grows. */
final class PartitionsTable extends TableView<PartitionRow> {

    PartitionsTable(BrowserViewModel browser, boolean kafka) {
        super(browser.partitions());
        setId("partitions-table");
        var placeholder = new Label();
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(browser.partitionsErrorProperty()
                .map(why -> why.isEmpty() ? "Reading partitions…" : why));
        setPlaceholder(placeholder);
        getStyleClass().add(Styles.DENSE);
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        getColumns().setAll(java.util.List.of(
                column(kafka ? "Partition" : "Queue", row -> kafka ? String.valueOf(row.partition()) : "depth"),
                column("First offset", row -> Formats.count(row.low())),
                column("End offset", row -> Formats.count(row.high())),
                column("Messages", row -> Formats.count(row.count())),
                column("In per second", row -> row.perSecond() < 0 ? "…" : String.format("%,.1f",
                        row.perSecond()))));
    }

    private static TableColumn<PartitionRow, String> column(String title, Function<PartitionRow, String> text) {
        var column = new TableColumn<PartitionRow, String>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        return column;
    }
}
