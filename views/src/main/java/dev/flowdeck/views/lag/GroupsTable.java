package dev.flowdeck.views.lag;

import atlantafx.base.theme.Styles;
import dev.flowdeck.core.lag.GroupStatus;
import dev.flowdeck.core.lag.GroupVerdict;
import dev.flowdeck.views.common.Formats;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Every group of the cluster, worst first: status, lag in messages and in time, trend, and why. */
final class GroupsTable extends TableView<GroupVerdict> {

    /** @param queues RabbitMQ: each row is a queue and its consumers, so the columns say so */
    GroupsTable(ObservableList<GroupVerdict> groups, boolean queues) {
        super(groups);
        setId("lag-groups");
        getStyleClass().add(Styles.DENSE);
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label(queues ? "No queues yet." : "No consumer groups yet."));

        TableColumn<GroupVerdict, GroupStatus> status = new TableColumn<>("Status");
        status.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().status()));
        status.setCellFactory(column -> new TableCell<>() {
            private final Label badge = new Label();

            @Override
            protected void updateItem(GroupStatus item, boolean empty) {
                super.updateItem(item, empty);
                StatusBadge.show(badge, empty ? null : item);
                setGraphic(empty ? null : badge);
            }
        });
        status.setPrefWidth(95);
        status.setMinWidth(95);

        TableColumn<GroupVerdict, String> group = text(queues ? "Queue" : "Group", GroupVerdict::name, 150);
        TableColumn<GroupVerdict, String> state = text("State", v -> v.group().state(), queues ? 150 : 65);
        TableColumn<GroupVerdict, Long> members = number(queues ? "Consumers" : "Members", v -> (long) v.group().members(), 75);
        TableColumn<GroupVerdict, Long> lag = number("Lag", GroupVerdict::lag, 70);
        TableColumn<GroupVerdict, String> time = text("Lag in time", v -> age(v.timeLag()), 85);
        time.setStyle("-fx-alignment: CENTER-RIGHT;");
        TableColumn<GroupVerdict, String> trend = text("Trend", v -> v.trend().label(), 105);
        TableColumn<GroupVerdict, String> catchUp = text("Clear in", v -> catchUp(v.catchUp(), v.lag()), 80);
        TableColumn<GroupVerdict, String> why = text("Why", GroupVerdict::explanation, 420);
        why.setMinWidth(140);
        getColumns().setAll(java.util.List.of(status, group, state, members, lag, time, trend, catchUp, why));
    }

    static String age(Optional<Duration> age) {
        return age.map(Formats::duration).orElse("unknown");
    }

    static String catchUp(Optional<Duration> eta, long lag) {
        if (lag == 0) {
            return "—";
        }
        return eta.map(Formats::duration).orElse("not at this rate");
    }

    private static TableColumn<GroupVerdict, String> text(String title, Function<GroupVerdict, String> value,
                                                          double width) {
        TableColumn<GroupVerdict, String> column = new TableColumn<>(title);
        column.setCellValueFactory(row -> new ReadOnlyStringWrapper(value.apply(row.getValue())));
        column.setPrefWidth(width);
        column.setMinWidth(width); // the explanation column gives way (its own minimum is lower), not the numbers
        return column;
    }

    private static TableColumn<GroupVerdict, Long> number(String title, Function<GroupVerdict, Long> value,
                                                          double width) {
        TableColumn<GroupVerdict, Long> column = new TableColumn<>(title);
        column.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(value.apply(row.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : Formats.count(item));
                setAlignment(Pos.CENTER_RIGHT);
            }
        });
        column.setPrefWidth(width);
        column.setMinWidth(width);
        return column;
    }
}
