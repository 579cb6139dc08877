package dev.flowdeck.views.browser;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.KeptMessage;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.decode.PayloadText;
import atlantafx.base.theme.Styles;
import dev.flowdeck.views.common.Formats;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The messages a scan kept, one row each. Virtualised: only the rows on screen are rendered, and a cell's text
 * (a preview of at most 200 characters) is computed when the row scrolls into view, never for all 10,000.
 * Sorting happens in a sorted view of the rows, so the scan's own order (which the row cap relies on) stays intact.
 */
final class MessageTable extends TableView<KeptMessage> {

    static final int PREVIEW_CHARS = 200;

    MessageTable(BrowserViewModel browser, boolean partitioned, MessageClipboard clipboard) {
        setId("message-table");
        var sorted = new SortedList<>(browser.rows());
        sorted.comparatorProperty().bind(comparatorProperty());
        setItems(sorted);
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        getSelectionModel().selectedItemProperty().subscribe(row -> browser.selectedProperty().set(row));
        // Rows read again ("Decode as") replace the listed ones: the view model selects the new one of the same row.
        browser.selectedProperty().subscribe(row -> {
            if (row != null && getSelectionModel().getSelectedItem() != row && browser.rows().contains(row)) {
                getSelectionModel().clearAndSelect(sorted.indexOf(row));
            }
        });
        setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        setPlaceholder(new Label("No messages yet: choose where to start and press Scan (Enter)."));
        getStyleClass().add(Styles.DENSE); // 10,000 rows: fit as many on screen as stay readable

        var time = column("Time", 200, row -> row.message().timestamp(), Formats::timestamp,
                Comparator.nullsFirst(Comparator.<Instant>naturalOrder()));
        var partition = column("Partition", 75, row -> row.message().partition(), String::valueOf,
                Comparator.<Integer>naturalOrder());
        partition.setVisible(partitioned);
        var offset = column("Offset", 95, row -> row.message().offset(),
                value -> value < 0 ? "" : Formats.count(value), Comparator.<Long>naturalOrder());
        var key = column("Key", 140, row -> PayloadText.preview(row.message().key(), 80), Function.identity(),
                Comparator.<String>naturalOrder());
        var size = column("Size", 80, KeptMessage::sizeInBytes, Formats::bytes, Comparator.<Long>naturalOrder());
        // Headers and values as the profile lets them be seen: masked as each row is drawn (only the rows on screen).
        var headers = column("Headers", 170, row -> headerSummary(browser.drawn(row).message()), Function.identity(),
                Comparator.<String>naturalOrder());
        var value = column("Value", 520, row -> PayloadText.preview(browser.drawn(row).message().readableValue(),
                        PREVIEW_CHARS),
                Function.identity(), Comparator.<String>naturalOrder());
        // Previews are not sort keys: sorting 10,000 rows by them would decode every value on the FX thread.
        key.setSortable(false);
        headers.setSortable(false);
        value.setSortable(false);
        getColumns().setAll(List.of(time, partition, offset, key, size, headers, value));
        // Chronological by default: a browse interleaves partitions in the order it read them.
        getSortOrder().add(time);
        clipboard.install(this);
    }

    /** "3: traceparent, correlation-id, kafka_dlt-…". */
    static String headerSummary(BrowsedMessage message) {
        if (message.headers().isEmpty()) {
            return "";
        }
        String names = message.headers().stream().map(MessageHeader::name).distinct().limit(4)
                .collect(Collectors.joining(", "));
        return message.headers().size() + ": " + names;
    }

    /** A column whose cells hold a comparable value and render it as text. */
    private static <V> TableColumn<KeptMessage, V> column(String title, double width, Function<KeptMessage, V> value,
                                                         Function<V, String> text, Comparator<V> order) {
        var column = new TableColumn<KeptMessage, V>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setComparator(order);
        column.setCellFactory(ignored -> new TableCell<>() {
            @Override
            protected void updateItem(V item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        });
        return column;
    }
}
