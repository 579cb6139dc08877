package dev.flowdeck.views.lag;

import atlantafx.base.theme.Styles;
import dev.flowdeck.core.lag.PartitionVerdict;
import dev.flowdeck.core.lag.Spoken;
import dev.flowdeck.views.common.Formats;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The selected group per partition: where it is, where the partition ends, and how that is moving. */
final class PartitionLagTable extends TableView<PartitionVerdict> {

    /** @param queues RabbitMQ: the one "partition" is the queue, its positions are message counts */
    PartitionLagTable(ObservableList<PartitionVerdict> partitions, boolean queues) {
        super(partitions);
        setId("lag-partitions");
        getStyleClass().add(Styles.DENSE);
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("Select a group to see its partitions."));
        getColumns().setAll(List.of(
                column(queues ? "Queue" : "Topic", p -> p.partition().topic(), 160, false),
                column("Partition", p -> String.valueOf(p.partition().partition()), 70, true),
                column(queues ? "Finished" : "Committed", p -> p.partition().committed() < 0 ? "none"
                        : Formats.count(p.partition().committed()), 100, true),
                column(queues ? "Taken in" : "End", p -> Formats.count(p.partition().end()), 100, true),
                column("Lag", p -> Formats.count(p.lag()), 90, true),
                column("Lag in time", p -> GroupsTable.age(p.timeLag()), 95, true),
                column("Trend", p -> p.trend().label(), 105, false),
                column("Clear in", p -> GroupsTable.catchUp(p.catchUp(), p.lag()), 100, true),
                column(queues ? "Acked" : "Consumed", p -> Spoken.rate(p.consumedRate()), 80, true),
                column(queues ? "Published" : "Produced", p -> Spoken.rate(p.producedRate()), 80, true)));
    }

    private static TableColumn<PartitionVerdict, String> column(String title,
                                                                Function<PartitionVerdict, String> value,
                                                                double width, boolean right) {
        TableColumn<PartitionVerdict, String> column = new TableColumn<>(title);
        column.setCellValueFactory(row -> new ReadOnlyStringWrapper(value.apply(row.getValue())));
        column.setPrefWidth(width);
        column.setSortable(false);
        if (right) {
            column.setStyle("-fx-alignment: CENTER-RIGHT;");
        }
        return column;
    }
}
