package dev.flowdeck.views.cluster;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.views.common.Formats;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.util.Subscription;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;

/** The bottom line: connection state in words and colour, broker version, cluster id, time of the last refresh. */
public final class StatusBar extends HBox {

    /** The address, and for RabbitMQ the management API as well: both are what an operator checks first. */
    private static String where(ConnectionProfile profile) {
        String management = profile.clientProperties().get("management.url");
        return profile.address() + (management == null ? "" : " · management " + management);
    }

    private Subscription stateSubscription = Subscription.EMPTY;

    public StatusBar(ObservableValue<ClusterViewModel> activeCluster) {
        super(10);
        setId("status-bar");
        getStyleClass().add("status-bar");
        setPadding(new Insets(4, 10, 4, 10));
        setAlignment(Pos.CENTER_LEFT);

        var stateIcon = new FontIcon();
        var connection = new Label();
        connection.setId("status-connection");
        connection.setGraphic(stateIcon);
        var version = new Label();
        version.setId("status-version");
        var address = new Label();
        address.setId("status-address");
        var clusterId = new Label();
        clusterId.setId("status-cluster-id");
        var refreshed = new Label();
        refreshed.getStyleClass().add("text-muted");

        activeCluster.subscribe(cluster -> {
            stateSubscription.unsubscribe();
            connection.textProperty().bind(cluster.stateMessageProperty());
            version.textProperty().bind(cluster.versionProperty());
            address.textProperty().bind(cluster.profileProperty().map(StatusBar::where));
            clusterId.textProperty().bind(Bindings.createStringBinding(
                    () -> cluster.clusterIdProperty().get().isEmpty() ? ""
                            : "cluster " + cluster.clusterIdProperty().get(),
                    cluster.clusterIdProperty()));
            refreshed.textProperty().bind(Bindings.createStringBinding(
                    () -> cluster.lastRefreshProperty().get() == null ? ""
                            : "updated " + Formats.clock(cluster.lastRefreshProperty().get()),
                    cluster.lastRefreshProperty()));
            stateSubscription = cluster.stateProperty().subscribe(state -> stateIcon.setIconLiteral(switch (state) {
                case STARTING, CONNECTING -> "mdi2p-progress-clock";
                case CONNECTED -> "mdi2c-check-circle";
                case DISCONNECTED -> "mdi2l-lan-disconnect";
                case UNREACHABLE -> "mdi2a-alert-circle";
            }));
        });

        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(connection, new Separator(Orientation.VERTICAL), address,
                new Separator(Orientation.VERTICAL), version,
                new Separator(Orientation.VERTICAL), clusterId, spacer, refreshed);
    }
}
