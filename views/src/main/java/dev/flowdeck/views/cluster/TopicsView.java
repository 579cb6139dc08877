package dev.flowdeck.views.cluster;

import dev.flowdeck.core.broker.TopicSummary;
import dev.flowdeck.core.deadletter.DeadLetterNames;
import dev.flowdeck.views.common.Formats;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The cluster's topics as a table: name, partitions, replication and how many messages each holds. */
public final class TopicsView extends TableView<TopicSummary> {

    public TopicsView(ClusterViewModel cluster) {
        super(cluster.topics());
        setId("topics-table");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableColumn<TopicSummary, String> name = new TableColumn<>("Topic");
        name.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().name()));
        name.setPrefWidth(260);

        TableColumn<TopicSummary, String> kind = new TableColumn<>("Kind");
        kind.setCellValueFactory(row -> new ReadOnlyStringWrapper(
                DeadLetterNames.looksLikeDeadLetter(row.getValue().name()) ? "dead letters" : "events"));

        TableColumn<TopicSummary, Number> partitions = numberColumn("Partitions");
        partitions.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().partitions()));

        TableColumn<TopicSummary, Number> replication = numberColumn("Replicas");
        replication.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().replicationFactor()));

        TableColumn<TopicSummary, Number> messages = numberColumn("Messages");
        messages.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().messageCount()));

        getColumns().setAll(java.util.List.of(name, kind, partitions, replication, messages));

        var placeholder = new Label();
        placeholder.textProperty().bind(Bindings.createStringBinding(() -> switch (cluster.stateProperty().get()) {
            case CONNECTED -> "This cluster has no topics yet.";
            default -> cluster.stateMessageProperty().get();
        }, cluster.stateProperty(), cluster.stateMessageProperty()));
        placeholder.setWrapText(true);
        setPlaceholder(placeholder);
    }

    private static TableColumn<TopicSummary, Number> numberColumn(String title) {
        TableColumn<TopicSummary, Number> column = new TableColumn<>(title);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Number value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty || value == null ? null : Formats.count(value.longValue()));
                setAlignment(Pos.CENTER_RIGHT);
            }
        });
        column.setPrefWidth(110);
        return column;
    }
}
