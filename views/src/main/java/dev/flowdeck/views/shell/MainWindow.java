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
import dev.flowdeck.views.replay.AuditTrailDialog;
import dev.flowdeck.views.replay.ReplayHistoryDialog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.views.mask.ProfileMasking;
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
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;
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
    private final Map<ConnectionProfile, ProfileMasking> maskings = new HashMap<>();
    private Consumer<String> openUrl = MainWindow::copy;
    private Runnable openSettings;
    private final Button settingsButton = new Button(null, new FontIcon("mdi2c-cog-outline"));
    private java.util.function.Supplier<java.util.List<AboutDialog.Line>> about = java.util.List::of;
    private Tab tracesTab;
    private boolean themeChosenByOperator;
    private final ObservableList<ClusterViewModel> clusters;
    private final ConnectionActions actions;
    private final NavigationTree navigation;
    private final CommandPalette palette;
    private final SplitPane split;
    /** Tabs to open again per profile, waiting for that cluster to connect and list its destinations. */
    private final Map<String, OpenTabs> toReopen = new java.util.HashMap<>();

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
        this.clusters = clusters;
        this.actions = actions;
        root.setId("main-window");
        activeCluster.set(clusters.getFirst());
        navigation = new NavigationTree(clusters, cluster -> {
            activeCluster.set(cluster);
            actions.open(cluster); // a saved profile connects when the operator first selects it
        }, actions);
        navigation.setMinWidth(200);
        navigation.setOnOpen(this::openDestination);
        clusters.forEach(this::reopenWhenListed);
        clusters.addListener((ListChangeListener<ClusterViewModel>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(this::reopenWhenListed);
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

        split = new SplitPane(navigation, centre);
        split.setDividerPositions(0.28);
        SplitPane.setResizableWithParent(navigation, false);

        root.setTop(toolbar(actions));
        root.setCenter(split);
        root.setBottom(new StatusBar(activeCluster));

        palette = new CommandPalette(this::commands, new CommandSearch(text -> Command.of(
                "Find the chain of \"" + text + "\"", "Traces", () -> findChain(text))));

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
                var model = views.traces().create(connection, cluster.profile());
                model.useMasking(masking(cluster));
                open = new OpenTraces(connection, new TraceView(model, event -> openEvent(cluster, event),
                        url -> openUrl.accept(url)));
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
                var model = views.deadLetters().create(connection, cluster.profile(), replays(cluster, connection));
                model.useMasking(masking(cluster));
                open = new OpenInbox(connection, new DeadLetterInboxView(model));
                inboxes.put(cluster, open);
                open.view().model().refresh();
            }
            return open.view();
        });
    }

    /**
     * The masking of a cluster's profile, one per profile as it stands (an edited profile gets its new rules in the
     * tabs opened after the edit; its hash key stays the same).
     */
    private ProfileMasking masking(ClusterViewModel cluster) {
        return maskings.computeIfAbsent(cluster.profile(), views.masking()::forProfile);
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
                        Platform::runLater).showingWith(masking(cluster), null)).show());
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
        browser.useMasking(masking(cluster));
        browser.useSchemas(views.schemas().of(cluster.connection().get()));
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

    /** What "Settings…" opens; set before {@link #createScene()}, which binds its key. */
    public void setOnOpenSettings(Runnable opener) {
        this.openSettings = opener;
        settingsButton.setVisible(true);
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
        themeToggle.setOnAction(event -> toggleTheme());

        var find = new Button(null, new FontIcon("mdi2m-magnify"));
        find.setId("command-palette-button");
        find.setTooltip(new Tooltip("Commands, destinations, and chains by trace id or order id ("
                + PALETTE.getDisplayText() + ")"));
        find.setOnAction(event -> openPalette());

        var newConnection = new Button("New connection", new FontIcon("mdi2p-plus-network-outline"));
        newConnection.setId("new-connection");
        newConnection.setOnAction(event -> actions.create());

        var aboutButton = new Button(null, new FontIcon("mdi2i-information-outline"));
        aboutButton.setId("about-button");
        aboutButton.setTooltip(new Tooltip("About Flowdeck: versions"));
        aboutButton.setOnAction(event -> AboutDialog.create(root.getScene().getWindow(), about.get()).show());

        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        settingsButton.setId("settings-button");
        settingsButton.setTooltip(new Tooltip("Settings: Flowdeck's own traces, the tracing UI's link"));
        settingsButton.setOnAction(event -> openSettings.run());
        settingsButton.setVisible(false); // until the app says what settings open
        settingsButton.managedProperty().bind(settingsButton.visibleProperty());
        return new ToolBar(title, newConnection, spacer, find, refresh, themeToggle, settingsButton, aboutButton);
    }

    private void toggleTheme() {
        themeChosenByOperator = true;
        theme.set(theme.get().other());
    }

    public Scene createScene() {
        var scene = new Scene(root, 1200, 760);
        // Every key a command has, bound once; the command is looked up when the key is pressed, so it acts on the
        // window as it is then (the active cluster, the selected tab).
        for (Command command : commands()) {
            command.shortcut().ifPresent(key -> scene.getAccelerators().put(key, () -> commands().stream()
                    .filter(current -> current.shortcut().equals(command.shortcut()))
                    .findFirst().ifPresent(current -> current.run().run())));
        }
        return scene;
    }

    private static final KeyCombination PALETTE = KeyCombination.keyCombination("Shortcut+K");

    /**
     * What the operator can do now, for the palette, the shortcut sheet and the keys: the views, the actions, the
     * active cluster's destinations and the other clusters.
     */
    List<Command> commands() {
        var commands = new ArrayList<Command>();
        commands.add(new Command("Command palette: commands, destinations, chains", "Help", Optional.of(PALETTE),
                this::openPalette));
        commands.add(Command.of("Keyboard shortcuts", "Help", "F1", this::showShortcuts));
        commands.add(Command.of("About Flowdeck: versions", "Help",
                () -> AboutDialog.create(window(), about.get()).show()));
        commands.add(Command.of("Go to destinations", "Views", "Shortcut+1",
                () -> goTo("destinations-tab", null)));
        commands.add(Command.of("Go to flow map", "Views", "Shortcut+2",
                () -> goTo("flow-tab", "#flow-map-open-worst")));
        commands.add(Command.of("Go to consumer lag", "Views", "Shortcut+3", () -> goTo("lag-tab", null)));
        commands.add(Command.of("Go to traces: find a chain", "Views", "Shortcut+4",
                () -> goTo("traces-tab", "#trace-search")));
        commands.add(Command.of("Go to dead letters", "Views", "Shortcut+5", () -> goTo("dead-letters-tab", null)));
        commands.add(Command.of("Refresh", "Actions", "F5", () -> activeCluster.get().refresh()));
        commands.add(Command.of("New connection…", "Actions", "Shortcut+N", actions::create));
        commands.add(Command.of("Close this browser tab", "Actions", "Shortcut+W", this::closeSelectedBrowser));
        commands.add(Command.of("Switch between light and dark", "Actions", "Shortcut+Shift+T", this::toggleTheme));
        if (openSettings != null) {
            commands.add(Command.of("Settings…", "Actions", "Shortcut+Comma", openSettings));
        }
        ClusterViewModel active = activeCluster.get();
        active.connection().ifPresent(connection -> {
            commands.add(Command.of("Replays run from this machine…", "Dead letters", () -> new ReplayHistoryDialog(
                    window(), replays(active, connection), active.profile(), Platform::runLater).show()));
            commands.add(Command.of("Audit log…", "Dead letters", () -> new AuditTrailDialog(window(),
                    replays(active, connection), Platform::runLater).show()));
        });
        for (Destination destination : active.destinations()) {
            if (!(destination instanceof ExchangeSummary) && active.connection().isPresent()) {
                commands.add(Command.of("Open " + destination.name(), "Destinations of " + active.profileName(),
                        () -> openDestination(active, destination)));
            }
        }
        for (ClusterViewModel cluster : clusters) {
            if (cluster != active) {
                commands.add(Command.of("Switch to " + cluster.profileName(), "Clusters",
                        () -> navigation.select(cluster)));
            }
        }
        return commands;
    }

    /**
     * What the window shows of each cluster, by profile name, for the app to remember across restarts. Only
     * clusters with an open browser or a view other than the destinations selected are listed.
     */
    public Map<String, OpenTabs> openTabs() {
        Map<String, OpenTabs> open = new java.util.LinkedHashMap<>(toReopen); // not connected this time: kept
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        for (ClusterViewModel cluster : clusters) {
            List<String> browsers = tabs.getTabs().stream()
                    .filter(tab -> tab.getUserData() instanceof OpenDestination destination
                            && destination.cluster() == cluster)
                    .map(tab -> ((OpenDestination) tab.getUserData()).destination())
                    .toList();
            boolean active = cluster == activeCluster.get();
            String shown = active && selected != null && (selected.getUserData() == null
                    || selected.getUserData() instanceof OpenDestination destination
                    && destination.cluster() == cluster) ? selected.getId() : "destinations-tab";
            if (!browsers.isEmpty() || !shown.equals("destinations-tab")) {
                open.put(cluster.profileName(), new OpenTabs(browsers, shown));
            }
        }
        return open;
    }

    /** Opens these tabs again once each cluster is connected and has listed its destinations. */
    public void reopen(Map<String, OpenTabs> remembered) {
        toReopen.putAll(remembered);
        clusters.forEach(this::reopenIfListed);
    }

    /** The share of the window's width the navigation takes. */
    public double navigationWidth() {
        return split.getDividers().getFirst().getPosition();
    }

    public void setNavigationWidth(double share) {
        split.setDividerPositions(Math.clamp(share, 0.1, 0.6));
    }

    private void reopenWhenListed(ClusterViewModel cluster) {
        // After the refresh's whole reconciliation (one FX task, one change per row), not at its first row; and only
        // while this profile has tabs waiting, as every refresh changes the list.
        cluster.destinations().addListener((ListChangeListener<Destination>) change -> {
            if (toReopen.containsKey(cluster.profileName())) {
                Platform.runLater(() -> reopenIfListed(cluster));
            }
        });
    }

    /** A destination no longer there is skipped; the rest open as they were, the remembered tab selected. */
    private void reopenIfListed(ClusterViewModel cluster) {
        OpenTabs remembered = toReopen.get(cluster.profileName());
        if (remembered == null || cluster.connection().isEmpty() || cluster.destinations().isEmpty()) {
            return;
        }
        toReopen.remove(cluster.profileName());
        Tab before = tabs.getSelectionModel().getSelectedItem();
        for (String name : remembered.destinations()) {
            cluster.destinations().stream().filter(destination -> destination.name().equals(name)).findFirst()
                    .ifPresent(destination -> open(cluster, destination));
        }
        if (cluster == activeCluster.get()) {
            tabs.getTabs().stream().filter(tab -> remembered.selected().equals(tab.getId())).findFirst()
                    .ifPresentOrElse(tab -> tabs.getSelectionModel().select(tab),
                            () -> tabs.getSelectionModel().select(before));
        } else {
            tabs.getSelectionModel().select(before); // reopening another cluster's tabs does not take the view
        }
    }

    /** Opens the command palette over the window. */
    public void openPalette() {
        if (!palette.isShowing()) {
            palette.open(window());
        }
    }

    private void showShortcuts() {
        ShortcutSheet.show(window(), commands());
    }

    private Window window() {
        return root.getScene().getWindow();
    }

    /** Selects a view's tab and puts the focus where the operator types next there, if it has such a place. */
    private void goTo(String tabId, String focus) {
        tabs.getTabs().stream().filter(tab -> tabId.equals(tab.getId())).findFirst().ifPresent(tab -> {
            tabs.getSelectionModel().select(tab);
            Platform.runLater(() -> {
                var content = tab.getContent();
                var target = focus == null || content == null ? content : content.lookup(focus);
                (target != null && target.isVisible() ? target : content != null ? content : tabs).requestFocus();
            });
        });
    }

    private void closeSelectedBrowser() {
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        if (selected != null && selected.getUserData() instanceof OpenDestination) {
            tabs.getTabs().remove(selected);
            closeBrowser(selected);
        }
    }

    /** The palette's global search: the chain of a trace id or business key on the active cluster. */
    private void findChain(String text) {
        ClusterViewModel cluster = activeCluster.get();
        if (cluster.connection().isEmpty()) {
            goTo("traces-tab", null); // says the cluster is not connected
            return;
        }
        showTrace(cluster, text);
    }

    /** The cluster the status bar and the destinations tab show: the one last selected in the tree. */
    public ObjectProperty<ClusterViewModel> activeClusterProperty() {
        return activeCluster;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }
}
