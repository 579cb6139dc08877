package dev.flowdeck.views.shell;

import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.ExchangeSummary;
import dev.flowdeck.core.broker.QueueSummary;
import dev.flowdeck.core.broker.TopicSummary;
import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.trace.ChainEvent;
import dev.flowdeck.views.browser.BrowserViewModel;
import dev.flowdeck.views.browser.DestinationView;
import dev.flowdeck.views.browser.Position;
import dev.flowdeck.views.browser.ScanForm;
import dev.flowdeck.views.deadletter.DeadLetterInboxView;
import dev.flowdeck.views.replay.ReplayDialog;
import dev.flowdeck.views.replay.ReplayService;
import dev.flowdeck.views.replay.ReplayViewModel;
import dev.flowdeck.views.trace.TraceView;
import dev.flowdeck.views.cluster.ClusterViewModel;
import dev.flowdeck.views.cluster.ConnectionState;
import dev.flowdeck.views.cluster.NavigationTree;
import dev.flowdeck.views.cluster.StatusBar;
import dev.flowdeck.views.connection.ConnectionActions;
import dev.flowdeck.views.lag.ConsumerLagView;
import dev.flowdeck.views.lag.FlowMapView;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import dev.flowdeck.views.cluster.DestinationLabels;
import dev.flowdeck.views.cluster.DestinationsView;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The shell: navigation on the left, the views of later features as tabs in the centre, the status bar below.
 * Built in code; it only arranges views and never talks to a broker.
 */
public final class MainWindow {

    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.ofPlatform());
    private final ObjectProperty<ClusterViewModel> activeCluster = new SimpleObjectProperty<>();
    private final ClusterViews views;
    private final Map<ClusterViewModel, OpenTraces> traceViews = new WeakHashMap<>();
    private final Map<ClusterViewModel, OpenInbox> inboxes = new WeakHashMap<>();
    private final Map<ClusterViewModel, OpenReplays> replayServices = new WeakHashMap<>();
    private Consumer<String> openUrl = MainWindow::copy;
    private java.util.function.Supplier<java.util.List<AboutDialog.Line>> about = java.util.List::of;
    private Tab tracesTab;
    private boolean themeChosenByOperator;

    /**
     * @param clusters the open and saved clusters, in the order the navigation tree lists them; at least one
     * @param actions  what the window asks of the connections' owner (connect, create, edit, ...)
     * @param views    makes a cluster's browsers, traces, dead-letter inbox and replays when first shown
     */
    public MainWindow(ObservableList<ClusterViewModel> clusters, ConnectionActions actions, ClusterViews views) {
        if (clusters.isEmpty()) {
            throw new IllegalArgumentException("the main window shows at least one cluster");
        }
        this.views = views;
        root.setId("main-window");
        activeCluster.set(clusters.getFirst());
        var navigation = new NavigationTree(clusters, cluster -> {
            activeCluster.set(cluster);
            actions.open(cluster); // a saved profile connects when the operator first selects it
        }, actions);
        navigation.setMinWidth(200);
        navigation.setOnOpen(this::openDestination);
        clusters.addListener((ListChangeListener<ClusterViewModel>) change -> {
            while (change.next()) {
                // A connection just created or edited is what the operator wants to look at; saved profiles
                // listed at start-up (not connected) do not steal the selection.
                change.getAddedSubList().stream()
                        .filter(added -> added.stateProperty().get() != ConnectionState.DISCONNECTED)
                        .reduce((first, last) -> last)
                        .ifPresent(navigation::select);
            }
            // A removed or replaced cluster's browsers read through a connection that is gone.
            tabs.getTabs().removeIf(tab -> tab.getUserData() instanceof OpenDestination open
                    && !clusters.contains(open.cluster()) && closeBrowser(tab));
            if (!clusters.contains(activeCluster.get()) && !clusters.isEmpty()) {
                activeCluster.set(clusters.getFirst());
            }
        });

        var destinationsTab = new Tab("Destinations", new DestinationsView(activeCluster, this::openDestination));
        destinationsTab.setId("destinations-tab");
        destinationsTab.setClosable(false);
        destinationsTab.setGraphic(new FontIcon("mdi2f-format-list-bulleted"));
        destinationsTab.textProperty().bind(activeCluster.map(cluster -> cluster.profileName() + ": "
                + (cluster.kind() == BrokerKind.KAFKA ? "topics" : "queues and exchanges")));
        tabs.getTabs().add(destinationsTab);
        tabs.getTabs().add(flowTab());
        tabs.getTabs().add(lagTab(actions));
        tracesTab = tracesTab();
        tabs.getTabs().add(tracesTab);
        tabs.getTabs().add(deadLettersTab());
        tabs.setId("view-tabs");

        var band = new Label();
        band.setId("production-band");
        band.setMaxWidth(Double.MAX_VALUE);
        band.setGraphic(new FontIcon("mdi2a-alert-octagon"));
        band.setStyle("-fx-background-color: -color-danger-emphasis; -fx-text-fill: -color-fg-emphasis;"
                + " -fx-padding: 4 10 4 10; -fx-font-weight: bold;");
        band.textProperty().bind(activeCluster.map(cluster -> "PRODUCTION: " + cluster.profileName()
                + (cluster.profile().readOnly() ? " (read-only)" : " (writes allowed)")));
        band.visibleProperty().bind(activeCluster.map(cluster -> cluster.profile().production()).orElse(false));
        band.managedProperty().bind(band.visibleProperty());
        var centre = new VBox(band, tabs);
        VBox.setVgrow(tabs, Priority.ALWAYS);

        var split = new SplitPane(navigation, centre);
        split.setDividerPositions(0.28);
        SplitPane.setResizableWithParent(navigation, false);

        root.setTop(toolbar(actions));
        root.setCenter(split);
        root.setBottom(new StatusBar(activeCluster));

        theme.subscribe(Theme::apply);
        // Follow the OS's light/dark switch until the operator picks a theme here.
        Platform.getPreferences().colorSchemeProperty().subscribe(scheme -> {
            if (!themeChosenByOperator) {
                theme.set(Theme.ofPlatform());
            }
        });
    }

    /** Who reads what on the active cluster, and who is worst off; a double-click opens a group's lag. */
    private Tab flowTab() {
        var tab = new Tab("Flow map");
        tab.setId("flow-tab");
        tab.setClosable(false);
        tab.setGraphic(new FontIcon("mdi2s-sitemap-outline"));
        Map<ClusterViewModel, FlowMapView> views = new WeakHashMap<>();
        tab.contentProperty().bind(activeCluster.map(cluster -> cluster.kind() != BrokerKind.KAFKA
                ? notForRabbit()
                : views.computeIfAbsent(cluster, c -> new FlowMapView(c.lag(), group -> {
                    c.lag().select(group);
                    tabs.getTabs().stream().filter(t -> "lag-tab".equals(t.getId())).findFirst()
                            .ifPresent(lag -> tabs.getSelectionModel().select(lag));
                }))));
        return tab;
    }

    private static Label notForRabbit() {
        var none = new Label("The flow map follows Kafka's consumer groups across topics. On RabbitMQ, the consumer"
                + " lag tab judges each queue and its consumers.");
        none.setWrapText(true);
        none.setPadding(new javafx.geometry.Insets(20));
        return none;
    }

    /** The consumer lag of the active cluster: one view per cluster, kept while the cluster is listed. */
    private Tab lagTab(ConnectionActions actions) {
        var tab = new Tab("Consumer lag");
        tab.setId("lag-tab");
        tab.setClosable(false);
        tab.setGraphic(new FontIcon("mdi2s-speedometer"));
        Map<ClusterViewModel, ConsumerLagView> views = new WeakHashMap<>();
        tab.contentProperty().bind(activeCluster.map(cluster -> views.computeIfAbsent(cluster, c -> {
            boolean rabbit = c.kind() == BrokerKind.RABBITMQ; // queues have no offsets to reset
            return new ConsumerLagView(c.lag(), rabbit, rabbit ? Optional.empty()
                    : Optional.of((view, group) -> actions.resetOffsets(c, group)));
        })));
        return tab;
    }

    /** A cluster's traces view and the connection it indexes through: a reconnect makes a new one. */
    private record OpenTraces(BrokerConnection connection, TraceView view) {
    }

    /** The traced event chains of the active cluster: one view per cluster and connection, kept while listed. */
    private Tab tracesTab() {
        var tab = new Tab("Traces");
        tab.setId("traces-tab");
        tab.setClosable(false);
        tab.setGraphic(new FontIcon("mdi2t-timeline-text-outline"));
        tab.contentProperty().bind(activeCluster.flatMap(cluster -> cluster.stateProperty()
                .map(state -> traceView(cluster).<javafx.scene.Node>map(view -> view).orElseGet(() -> {
                    var none = new Label(cluster.profileName() + " is not connected: connect to index its traces.");
                    none.setPadding(new javafx.geometry.Insets(20));
                    return none;
                }))));
        return tab;
    }

    private Optional<TraceView> traceView(ClusterViewModel cluster) {
        return cluster.connection().map(connection -> {
            OpenTraces open = traceViews.get(cluster);
            if (open == null || open.connection() != connection) {
                open = new OpenTraces(connection, new TraceView(views.traces().create(connection, cluster.profile()),
                        event -> openEvent(cluster, event), url -> openUrl.accept(url)));
                traceViews.put(cluster, open);
            }
            return open.view();
        });
    }

    /** A cluster's dead-letter inbox and the connection it reads through: a reconnect makes a new one. */
    private record OpenInbox(BrokerConnection connection, DeadLetterInboxView view) {
    }

    /** The dead letters of the active cluster: one inbox per cluster and connection, kept while listed. */
    private Tab deadLettersTab() {
        var tab = new Tab("Dead letters");
        tab.setId("dead-letters-tab");
        tab.setClosable(false);
        tab.setGraphic(new FontIcon("mdi2e-email-alert-outline"));
        tab.contentProperty().bind(activeCluster.flatMap(cluster -> cluster.stateProperty()
                .map(state -> inbox(cluster).<javafx.scene.Node>map(view -> view).orElseGet(() -> {
                    var none = new Label(cluster.profileName() + " is not connected: connect to read its dead letters.");
                    none.setPadding(new javafx.geometry.Insets(20));
                    return none;
                }))));
        // Dead letters keep arriving: each visit lists and reads again (a bounded scan of a small destination).
        tab.selectedProperty().subscribe(selected -> {
            if (selected && activeCluster.get() != null) {
                inbox(activeCluster.get()).ifPresent(view -> view.model().refresh());
            }
        });
        return tab;
    }

    private Optional<DeadLetterInboxView> inbox(ClusterViewModel cluster) {
        return cluster.connection().map(connection -> {
            OpenInbox open = inboxes.get(cluster);
            if (open == null || open.connection() != connection) {
                open = new OpenInbox(connection, new DeadLetterInboxView(views.deadLetters().create(connection,
                        cluster.profile(), replays(cluster, connection))));
                inboxes.put(cluster, open);
                open.view().model().refresh();
            }
            return open.view();
        });
    }

    /** A cluster's replay service and the connection it replays through: a reconnect makes a new one. */
    private record OpenReplays(BrokerConnection connection, ReplayService service) {
    }

    private ReplayService replays(ClusterViewModel cluster, BrokerConnection connection) {
        OpenReplays open = replayServices.get(cluster);
        if (open == null || open.connection() != connection) {
            open = new OpenReplays(connection, views.replays().create(connection, cluster.profile()));
            replayServices.put(cluster, open);
        }
        return open.service();
    }

    /** A browser's "replay every match": the replay dialog on that scan, read again whole. */
    private void replayScan(ClusterViewModel cluster, Destination destination, BrowseRequest scan) {
        cluster.connection().ifPresent(connection -> new ReplayDialog(root.getScene().getWindow(),
                ReplayViewModel.forScan(replays(cluster, connection), cluster.profile(), destination, scan,
                        Platform::runLater)).show());
    }

    /** What a browser tab shows: which cluster's which destination. */
    private record OpenDestination(ClusterViewModel cluster, String destination, DestinationView view) {
    }

    /**
     * Opens a destination's browser in a tab, or selects its tab when it is open already. Exchanges hold no
     * messages and a cluster not connected has nothing to read through: neither opens.
     */
    public void openDestination(ClusterViewModel cluster, Destination destination) {
        open(cluster, destination);
    }

    private Optional<DestinationView> open(ClusterViewModel cluster, Destination destination) {
        if (cluster == null || destination instanceof ExchangeSummary || cluster.connection().isEmpty()) {
            return Optional.empty();
        }
        for (Tab tab : tabs.getTabs()) {
            if (tab.getUserData() instanceof OpenDestination open && open.cluster() == cluster
                    && open.destination().equals(destination.name())) {
                tabs.getSelectionModel().select(tab);
                return Optional.of(open.view());
            }
        }
        boolean kafka = destination instanceof TopicSummary;
        boolean seekable = kafka || destination instanceof QueueSummary queue
                && queue.type().browsesWithoutSideEffects();
        var browser = views.browsers().create(cluster.connection().get(), destination.name(), seekable);
        // Only what can be read again by position replays: a topic or a stream, not a queue a browse takes from.
        Optional<Consumer<BrowseRequest>> replay = seekable ? Optional.of(scan -> replayScan(cluster, destination, scan))
                : Optional.empty();
        var view = new DestinationView(browser, kafka, traceId -> showTrace(cluster, traceId), replay);
        var tab = new Tab(destination.name(), view);
        tab.setId("browse-" + destination.name());
        tab.setGraphic(new FontIcon(DestinationLabels.icon(destination)));
        tab.setTooltip(new Tooltip(cluster.profileName() + ": " + destination.name()));
        tab.setUserData(new OpenDestination(cluster, destination.name(), view));
        tab.setOnClosed(event -> view.close());
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
        return Optional.of(view);
    }

    private static boolean closeBrowser(Tab tab) {
        ((OpenDestination) tab.getUserData()).view().close();
        return true;
    }

    /** A message's trace link: the traces tab of its cluster shows the chain (indexing first if need be). */
    private void showTrace(ClusterViewModel cluster, String traceId) {
        activeCluster.set(cluster);
        traceView(cluster).ifPresent(view -> {
            tabs.getSelectionModel().select(tracesTab);
            view.showTrace(traceId);
        });
    }

    /**
     * Opens a chain's event in the browser: where the destination is read by offset, a scan of its partition from
     * the event's offset, so the event is the first row; elsewhere (a queue) the browser, and where the event was.
     *
     * @return what was done, for the traces tab's status line
     */
    String openEvent(ClusterViewModel cluster, ChainEvent event) {
        String where = event.offset() < 0 ? "" : "partition %d, offset %d".formatted(event.partition(), event.offset());
        Optional<Destination> destination = cluster.destinations().stream()
                .filter(listed -> !(listed instanceof ExchangeSummary) && listed.name().equals(event.destination()))
                .findFirst();
        if (destination.isEmpty()) {
            return event.destination() + " is not among " + cluster.profileName() + "'s destinations: the event sits"
                    + " at " + (where.isEmpty() ? "an unknown position" : where) + ".";
        }
        Optional<DestinationView> view = open(cluster, destination.get());
        if (view.isEmpty()) {
            return cluster.profileName() + " is not connected: the event sits in " + event.destination() + " at "
                    + where + ".";
        }
        BrowserViewModel browser = view.get().browser();
        if (!browser.seekable() || event.offset() < 0) {
            return "Opened " + event.destination() + ": a queue is not read from an offset, so look for the event"
                    + " sent at " + dev.flowdeck.views.common.Formats.timestamp(event.timestamp()) + ".";
        }
        ScanForm form = browser.form();
        form.positionProperty().set(Position.OFFSET);
        form.positionValueProperty().set(Long.toString(event.offset()));
        form.partitions().clear();
        if (destination.get() instanceof TopicSummary) {
            form.partitions().add(event.partition());
        }
        browser.start();
        return "Opened " + event.destination() + " from " + where + ": the event is the first row.";
    }

    /** Until the app says how to open a link, following one copies it for the operator's browser. */
    private static void copy(String url) {
        var content = new ClipboardContent();
        content.putString(url);
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** How the tracing UI's address is opened: the desktop's browser, in the app. */
    public void setOnOpenUrl(Consumer<String> opener) {
        this.openUrl = opener;
    }

    /** What the About dialog lists: the composition root reads the versions of what is loaded. */
    public void setAbout(java.util.function.Supplier<java.util.List<AboutDialog.Line>> versions) {
        this.about = versions;
    }

    private ToolBar toolbar(ConnectionActions actions) {
        var title = new Label("Flowdeck");
        title.getStyleClass().add("title-4");
        title.setGraphic(new FontIcon("mdi2s-source-branch"));

        var refresh = new Button(null, new FontIcon("mdi2r-refresh"));
        refresh.setId("refresh-button");
        refresh.setTooltip(new Tooltip("Refresh now"));
        refresh.setOnAction(event -> activeCluster.get().refresh());

        var themeToggle = new Button(null, new FontIcon("mdi2t-theme-light-dark"));
        themeToggle.setId("theme-toggle");
        themeToggle.setTooltip(new Tooltip("Switch between light and dark"));
        themeToggle.setOnAction(event -> {
            themeChosenByOperator = true;
            theme.set(theme.get().other());
        });

        var newConnection = new Button("New connection", new FontIcon("mdi2p-plus-network-outline"));
        newConnection.setId("new-connection");
        newConnection.setOnAction(event -> actions.create());

        var aboutButton = new Button(null, new FontIcon("mdi2i-information-outline"));
        aboutButton.setId("about-button");
        aboutButton.setTooltip(new Tooltip("About Flowdeck: versions"));
        aboutButton.setOnAction(event -> AboutDialog.create(root.getScene().getWindow(), about.get()).show());

        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return new ToolBar(title, newConnection, spacer, refresh, themeToggle, aboutButton);
    }

    public Scene createScene() {
        return new Scene(root, 1200, 760);
    }

    /** The cluster the status bar and the destinations tab show: the one last selected in the tree. */
    public ObjectProperty<ClusterViewModel> activeClusterProperty() {
        return activeCluster;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }
}
