package dev.flowdeck.views.lag;

import dev.flowdeck.core.lag.LagAlert;
import dev.flowdeck.views.common.Formats;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import org.kordamp.ikonli.javafx.FontIcon;

/** Alerts raised and resolved, newest first, with the sentence that explained each. */
final class AlertLogList extends ListView<LagAlert> {

    AlertLogList(ObservableList<LagAlert> alerts) {
        super(alerts);
        setId("lag-alert-log");
        setPlaceholder(new Label("No alerts yet. Groups alert when they stall or stop, or cross a threshold you set."));
        setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(LagAlert alert, boolean empty) {
                super.updateItem(alert, empty);
                if (empty || alert == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(Formats.timestamp(alert.at()) + "  " + alert.cluster() + "  " + alert.message());
                var icon = new FontIcon(alert.raised() ? "mdi2b-bell-alert-outline" : "mdi2b-bell-check-outline");
                icon.getStyleClass().add(alert.raised() ? "danger" : "success");
                setGraphic(icon);
            }
        });
    }
}
