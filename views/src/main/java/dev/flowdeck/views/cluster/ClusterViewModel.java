package dev.flowdeck.views.cluster;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.ClusterOverview;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.views.common.ListReconciler;
import dev.flowdeck.views.lag.LagViewModel;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One cluster as the shell shows it: connection state, version, id and its destinations (topics, queues,
 * exchanges), kept fresh by {@link #refresh()}.
 *
 * <p>Every method runs on the FX thread. Broker calls never block it: they return stages that complete on the
 * connector's threads, and their results come back through {@code uiExecutor} ({@code Platform::runLater} in the
 * app, {@code Runnable::run} in tests) as one update per refresh, never one per topic.
 */
public final class ClusterViewModel {

    private final ObjectProperty<ConnectionProfile> profile = new SimpleObjectProperty<>();
    private final Executor uiExecutor;
    private final Clock clock;

    private final ObjectProperty<ConnectionState> state = new SimpleObjectProperty<>(ConnectionState.CONNECTING);
    private final StringProperty stateMessage = new SimpleStringProperty("Connecting…");
    private final StringProperty version = new SimpleStringProperty("");
    private final StringProperty clusterId = new SimpleStringProperty("");
    private final ObjectProperty<Instant> lastRefresh = new SimpleObjectProperty<>();
    private final ObservableList<Destination> destinations = FXCollections.observableArrayList();
    private final ObservableList<Destination> readOnlyDestinations =
            FXCollections.unmodifiableObservableList(destinations);

    private final LagViewModel lag;

    private BrokerConnection connection;
    private boolean refreshing;

    public ClusterViewModel(ConnectionProfile profile, Executor uiExecutor, Clock clock) {
        this.profile.set(profile);
        this.uiExecutor = uiExecutor;
        this.clock = clock;
        this.lag = new LagViewModel(uiExecutor, clock);
    }

    /** The cluster's consumer lag: filled by the app's sampling once the connection is open. */
    public LagViewModel lag() {
        return lag;
    }

    /** The app is bringing the cluster up itself; {@code what} says what it is doing. */
    public void starting(String what) {
        state.set(ConnectionState.STARTING);
        stateMessage.set(what);
    }

    /** The cluster could not be started or opened at all; {@code why} is shown as it is. */
    public void failed(String why) {
        state.set(ConnectionState.UNREACHABLE);
        stateMessage.set(why);
    }

    /** From now on refreshes ask this connection. */
    public void attach(BrokerConnection brokerConnection) {
        attach(brokerConnection, profile.get());
    }

    /** As {@link #attach(BrokerConnection)}, with the profile as it turned out (a started sandbox's address). */
    public void attach(BrokerConnection brokerConnection, ConnectionProfile connected) {
        this.connection = brokerConnection;
        profile.set(connected);
        state.set(ConnectionState.CONNECTING);
        stateMessage.set("Connecting to " + connected.name() + "…");
        refresh();
    }

    /**
     * Asks the cluster for its overview and topics. A refresh still in flight makes this a no-op, so a slow
     * cluster is never asked twice at once.
     */
    public void refresh() {
        if (connection == null || refreshing) {
            return;
        }
        refreshing = true;
        var overview = connection.describeCluster().toCompletableFuture();
        var listing = connection.listDestinations().toCompletableFuture();
        CompletableFuture.allOf(overview, listing).whenComplete((ignored, failure) -> uiExecutor.execute(() -> {
            refreshing = false;
            if (failure == null) {
                show(overview.join(), listing.join());
            } else {
                showFailure(failure);
            }
        }));
    }

    private void show(ClusterOverview cluster, List<Destination> fresh) {
        version.set(cluster.version());
        clusterId.set(cluster.clusterId());
        ListReconciler.reconcile(destinations, fresh, ClusterViewModel::identity);
        state.set(ConnectionState.CONNECTED);
        stateMessage.set("Connected to " + profile.get().name());
        lastRefresh.set(clock.instant());
    }

    private void showFailure(Throwable failure) {
        state.set(ConnectionState.UNREACHABLE);
        // Connectors word their failures for the operator; anything else is still one line, never a trace.
        stateMessage.set(Failures.sentence(failure));
    }

    /** A saved profile, shown but not connected until the operator selects it. */
    public void notConnected() {
        state.set(ConnectionState.DISCONNECTED);
        stateMessage.set(profile.get().name() + " is not connected: select it to connect.");
    }

    /** The open connection, once there is one: what a destination's browser reads through. */
    public Optional<BrokerConnection> connection() {
        return Optional.ofNullable(connection);
    }

    public ConnectionProfile profile() {
        return profile.get();
    }

    public ReadOnlyObjectProperty<ConnectionProfile> profileProperty() {
        return profile;
    }

    public String profileName() {
        return profile.get().name();
    }

    public BrokerKind kind() {
        return profile.get().kind();
    }

    public ReadOnlyObjectProperty<ConnectionState> stateProperty() {
        return state;
    }

    public ReadOnlyStringProperty stateMessageProperty() {
        return stateMessage;
    }

    public ReadOnlyStringProperty versionProperty() {
        return version;
    }

    public ReadOnlyStringProperty clusterIdProperty() {
        return clusterId;
    }

    public ReadOnlyObjectProperty<Instant> lastRefreshProperty() {
        return lastRefresh;
    }

    /** Sorted by namespace and name; updated in place so selections survive a refresh. */
    public ObservableList<Destination> destinations() {
        return readOnlyDestinations;
    }

    /** What tells two destinations apart across refreshes: a queue and an exchange may share a name. */
    static String identity(Destination destination) {
        return destination.getClass().getSimpleName() + "/" + destination.namespace() + "/" + destination.name();
    }
}
