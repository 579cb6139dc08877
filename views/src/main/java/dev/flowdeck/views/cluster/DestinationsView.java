package dev.flowdeck.views.cluster;

import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.ExchangeSummary;
import dev.flowdeck.core.broker.QueueSummary;
import dev.flowdeck.core.broker.TopicSummary;
import dev.flowdeck.views.common.Formats;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;

/**
 * The active cluster's destinations as a table. One set of columns serves both brokers; a cell a broker has no
 * value for stays empty rather than showing a made-up zero.
 */
public final class DestinationsView extends TableView<Destination> {

    /**
     * @param activeCluster the cluster whose destinations are listed
     * @param onOpen        told which destination the operator opens (double-click or Enter on its row)
     */
    public DestinationsView(ObservableValue<ClusterViewModel> activeCluster,
                            BiConsumer<ClusterViewModel, Destination> onOpen) {
        setId("destinations-table");
        setRowFactory(table -> {
            var row = new TableRow<Destination>();
            row.setOnMouseClicked(event -> {
                if (event.getClickCount() == 2 && !row.isEmpty()) {
                    onOpen.accept(activeCluster.getValue(), row.getItem());
                }
            });
            return row;
        });
        setOnKeyPressed(event -> {
            Destination selected = getSelectionModel().getSelectedItem();
            if (event.getCode() == KeyCode.ENTER && selected != null) {
                onOpen.accept(activeCluster.getValue(), selected);
                event.consume();
            }
        });
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableColumn<Destination, String> name = new TableColumn<>("Name");
        name.setCellValueFactory(row -> new ReadOnlyStringWrapper(DestinationLabels.name(row.getValue())));
        name.setPrefWidth(240);

        TableColumn<Destination, String> namespace = new TableColumn<>("Vhost");
        namespace.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().namespace()));

        TableColumn<Destination, String> kind = new TableColumn<>("Kind");
        kind.setCellValueFactory(row -> new ReadOnlyStringWrapper(DestinationLabels.kind(row.getValue())));
        kind.setPrefWidth(150);

        var partitions = numberColumn("Partitions", d -> d instanceof TopicSummary t ? (long) t.partitions() : null);
        var messages = numberColumn("Messages", d -> d instanceof ExchangeSummary ? null : d.messageCount());
        var ready = numberColumn("Ready", d -> d instanceof QueueSummary q ? q.ready() : null);
        var unacked = numberColumn("Unacked", d -> d instanceof QueueSummary q ? q.unacknowledged() : null);
        var consumers = numberColumn("Consumers", d -> d instanceof QueueSummary q ? (long) q.consumers() : null);
        var size = numberColumn("Size (bytes)", d -> d instanceof TopicSummary t && t.sizeBytes() >= 0
                ? t.sizeBytes() : null);
        getColumns().setAll(List.of(name, namespace, kind, partitions, messages, ready, unacked, consumers, size));
        // Only the columns the active broker has values for.
        List<TableColumn<Destination, ?>> kafkaOnly = List.of(partitions, size);
        List<TableColumn<Destination, ?>> rabbitOnly = List.of(namespace, ready, unacked, consumers);

        var placeholder = new Label();
        placeholder.setWrapText(true);
        setPlaceholder(placeholder);
        activeCluster.subscribe(cluster -> {
            setItems(cluster == null ? FXCollections.observableArrayList() : cluster.destinations());
            boolean rabbit = cluster != null && cluster.kind() == BrokerKind.RABBITMQ;
            kafkaOnly.forEach(column -> column.setVisible(!rabbit));
            rabbitOnly.forEach(column -> column.setVisible(rabbit));
            placeholder.textProperty().unbind();
            if (cluster != null) {
                placeholder.textProperty().bind(Bindings.createStringBinding(
                        () -> cluster.stateProperty().get() == ConnectionState.CONNECTED
                                ? "This cluster has nothing to show yet." : cluster.stateMessageProperty().get(),
                        cluster.stateProperty(), cluster.stateMessageProperty()));
            }
        });
    }

    private static TableColumn<Destination, Long> numberColumn(String title, Function<Destination, Long> value) {
        TableColumn<Destination, Long> column = new TableColumn<>(title);
        column.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(value.apply(row.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long number, boolean empty) {
                super.updateItem(number, empty);
                setText(empty || number == null ? null : Formats.count(number));
                setAlignment(Pos.CENTER_RIGHT);
            }
        });
        column.setPrefWidth(95);
        return column;
    }
}
