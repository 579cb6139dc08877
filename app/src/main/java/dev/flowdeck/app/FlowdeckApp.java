package dev.flowdeck.app;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.lag.LagHistoryStore;
import dev.flowdeck.core.mask.RevealLog;
import dev.flowdeck.profiles.ConfigDirectory;
import dev.flowdeck.sandbox.RabbitSandbox;
import dev.flowdeck.store.AbandonedHistories;
import dev.flowdeck.store.FileAlertLog;
import dev.flowdeck.store.FileAuditLog;
import dev.flowdeck.store.ReplaysDirectory;
import dev.flowdeck.telemetry.OwnSpans;
import dev.flowdeck.store.FileLagHistoryStore;
import dev.flowdeck.core.audit.AuditLog;
import dev.flowdeck.views.cluster.ClusterViewModel;
import dev.flowdeck.views.lag.AlertNotifier;
import dev.flowdeck.schemas.ProfileSchemas;
import dev.flowdeck.views.browser.BrowserFactory;
import dev.flowdeck.views.deadletter.DeadLetterFactory;
import dev.flowdeck.views.deadletter.DeadLetterInboxViewModel;
import dev.flowdeck.views.trace.TraceFactory;
import dev.flowdeck.views.trace.TraceViewModel;
import dev.flowdeck.views.browser.BrowserViewModel;
import dev.flowdeck.views.mask.MaskingFactory;
import dev.flowdeck.views.mask.ProfileMasking;
import dev.flowdeck.views.replay.ReplayFactory;
import dev.flowdeck.views.shell.AboutDialog;
import dev.flowdeck.views.shell.ClusterViews;
import dev.flowdeck.views.settings.Settings;
import dev.flowdeck.views.settings.SettingsDialog;
import dev.flowdeck.views.shell.MainWindow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: creates the executors, the session and the window, and tears them down in reverse on exit.
 * Nothing else in the app constructs a service.
 */
public final class FlowdeckApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(FlowdeckApp.class);

    private LaunchOptions options;
    private AppExecutors executors;
    private Workspace workspace;
    private AlertNotifier notifier;
    private OwnSpans telemetry;
    private SettingsFile settingsFile;
    private volatile Settings settings = Settings.NONE;
    private WindowLayoutFile layoutFile;
    private MainWindow window;
    private Stage stage;

    @Override
    public void init() {
        options = LaunchOptions.parse(getParameters().getRaw());
        executors = AppExecutors.create();
        settingsFile = new SettingsFile(ConfigDirectory.forThisMachine().resolve("settings.json"));
        settings = settingsFile.load();
        telemetry = OwnSpans.to(LaunchOptions.tracesEndpoint(options.otlpEndpoint(), System.getenv())
                        .or(settings::otlpEndpoint),
                Optional.ofNullable(FlowdeckApp.class.getPackage().getImplementationVersion()).orElse("(development)"));
    }

    @Override
    public void start(Stage stage) {
        var lagWatch = new LagWatch(options.lag(), this::lagHistory, FileAlertLog.inConfigDirectory(),
                new AlertRulesFile(ConfigDirectory.forThisMachine().resolve("alert-rules.json")), Clock.systemUTC());
        AuditLog audit = FileAuditLog.inConfigDirectory();
        workspace = new Workspace(executors, lagWatch, audit, Clock.systemDefaultZone());
        List<Runnable> openers = new ArrayList<>();
        if (options.sandbox()) {
            var kafka = ConnectionProfile.kafka("Sandbox Kafka", "(starting)").asSandbox();
            openers.add(() -> workspace.add(kafka, "Starting the sandbox: a Kafka broker and a simulated shop…",
                    () -> Clusters.kafkaSandbox(kafka.name(), options.sandboxSettings(), executors.brokerIo(),
                            workspace.schemas())));
            if (RabbitSandbox.isAvailable()) {
                var rabbit = ConnectionProfile.rabbitMq("Sandbox RabbitMQ", "(starting)").asSandbox();
                openers.add(() -> workspace.add(rabbit,
                        "Starting the sandbox: a private RabbitMQ node and the shop's queues…",
                        () -> Clusters.rabbitSandbox(rabbit.name(), options.sandboxSettings())));
            } else {
                LOG.info("RabbitMQ is not installed: the sandbox runs Kafka only");
            }
        } else {
            var profile = options.profile();
            openers.add(() -> workspace.add(profile, "Connecting to " + profile.name() + "…",
                    () -> Clusters.connect(profile, options.credentials(), executors.brokerIo(), workspace.schemas(),
                            ProfileSchemas.FormatStore.SESSION_ONLY)));
        }
        openers.forEach(Runnable::run);
        executors.brokerIo().execute(this::dropAbandonedLagHistories);
        workspace.loadSavedProfiles();

        // Each view model gets its connection traced when telemetry is on: scans, indexes, dead-letter reads and
        // replays then make spans, and no view model knows.
        BrowserFactory browsers = (connection, destination, seekable) -> new BrowserViewModel(
                telemetry.traced(connection), destination, seekable, Platform::runLater, executors.brokerIo(),
                executors.scheduler(), Clock.systemUTC());
        TraceFactory traces = (connection, profile) -> new TraceViewModel(telemetry.traced(connection),
                withTraceLink(profile), Platform::runLater, executors.brokerIo(), Clock.systemUTC());
        // Every connection a view or a replay reads through is traced when telemetry is on (a no-op wrapper off).
        DeadLetterFactory deadLetters = (given, profile, replays) -> new DeadLetterInboxViewModel(
                telemetry.traced(given), profile, Platform::runLater, replays);
        ReplayFactory replays = (given, profile) -> new ClusterReplays(profile, telemetry.traced(given),
                workspace.schemas().writerFor(given, profile), ReplaysDirectory.forThisMachine(), audit, executors,
                Clock.systemUTC());
        // Masking per profile: its hash key from the secret store, its reveals to the audit log (decision 0022).
        RevealLog reveals = RevealLog.toAudit(audit, Clock.systemUTC());
        MaskingFactory masking = profile -> ProfileMasking.of(profile, workspace.maskingKey(profile), reveals,
                executors.brokerIo());
        window = new MainWindow(workspace.clusters(), workspace,
                new ClusterViews(browsers, traces, deadLetters, replays, masking, workspace.schemas()::of));
        this.stage = stage;
        window.setOnOpenUrl(url -> getHostServices().showDocument(url));
        window.setOnOpenSettings(() -> new SettingsDialog(stage, settings, chosen -> {
            settingsFile.save(chosen);
            settings = chosen;
        }).show());
        stage.setTitle("Flowdeck");
        stage.setScene(window.createScene());
        stage.setMinWidth(800);
        stage.setMinHeight(500);
        layoutFile = new WindowLayoutFile(ConfigDirectory.forThisMachine().resolve("window.json"));
        restoreLayout(layoutFile.load());
        workspace.ownedBy(stage);
        notifier = new AlertNotifier();
        workspace.clusters().forEach(cluster -> cluster.lag().onAlert(notifier::show));
        workspace.clusters().addListener((javafx.collections.ListChangeListener<ClusterViewModel>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(cluster -> cluster.lag().onAlert(notifier::show));
            }
        });
        window.setAbout(() -> ComponentVersions.ofThisProcess().stream()
                .map(component -> new AboutDialog.Line(component.name(), component.version())).toList());
        stage.show();
        // Visible: the first frame after show() is drawn at the next pulse, where an animation timer runs.
        new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                long visible = SmokeTest.uptimeMillis();
                LOG.info("Flowdeck window visible {} ms after the JVM started ({})", visible,
                        ComponentVersions.oneLine(ComponentVersions.ofThisProcess()));
                if (options.smokeTest()) {
                    SmokeTest.start(stage, visible, executors.scheduler());
                }
            }
        }.start();
        options.planFile().ifPresent(file -> PlanSummary.show(stage, file, executors.brokerIo()));
    }

    /** The profile, with the settings' tracing UI link where the profile names none of its own. */
    private ConnectionProfile withTraceLink(ConnectionProfile profile) {
        Optional<String> template = settings.traceUrlTemplate();
        if (template.isEmpty() || profile.clientProperties().containsKey(TraceViewModel.URL_TEMPLATE)) {
            return profile;
        }
        var properties = new java.util.HashMap<>(profile.clientProperties());
        properties.put(TraceViewModel.URL_TEMPLATE, template.get());
        return profile.withProperties(properties);
    }

    /**
     * The cluster's lag history on disk; for this session only when the folder cannot be used (another Flowdeck
     * holds it, say), which the log says: sampling and alerts must go on either way.
     */
    private LagHistoryStore lagHistory(String cluster) {
        try {
            return FileLagHistoryStore.forCluster(cluster, options.lag().retention(), Clock.systemUTC());
        } catch (RuntimeException e) {
            LOG.warn("The lag history of {} is kept for this session only: {}", cluster, e.getMessage());
            return LagHistoryStore.none();
        }
    }

    /** Histories of clusters not opened within the retention (old sandboxes, mostly) would stay on disk for good. */
    private void dropAbandonedLagHistories() {
        try {
            var dropped = AbandonedHistories.drop(ConfigDirectory.forThisMachine().resolve(FileLagHistoryStore.FOLDER),
                    options.lag().retention(), java.time.Instant.now());
            if (!dropped.isEmpty()) {
                LOG.info("Dropped the lag history of {} clusters not opened for {}", dropped.size(),
                        options.lag().retention());
            }
        } catch (RuntimeException e) {
            LOG.warn("Old lag histories were not cleared: {}", e.getMessage());
        }
    }

    /** The last session's window place (if it is on a screen now), its navigation width and each profile's tabs. */
    private void restoreLayout(WindowLayoutFile.Layout layout) {
        layout.bounds().ifPresent(bounds -> {
            boolean onAScreen = !javafx.stage.Screen.getScreensForRectangle(bounds.x(), bounds.y(), bounds.width(),
                    bounds.height()).isEmpty();
            if (onAScreen) {
                stage.setX(bounds.x());
                stage.setY(bounds.y());
                stage.setWidth(bounds.width());
                stage.setHeight(bounds.height());
            }
            stage.setMaximized(bounds.maximized());
            window.setNavigationWidth(bounds.navigation());
        });
        window.reopen(layout.tabs());
    }

    private void saveLayout() {
        if (layoutFile == null || window == null) {
            return;
        }
        var bounds = new WindowLayoutFile.Bounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                stage.isMaximized(), window.navigationWidth());
        layoutFile.save(new WindowLayoutFile.Layout(Optional.of(bounds), window.openTabs()));
    }

    @Override
    public void stop() {
        saveLayout(); // on the FX thread, before the clusters it describes are closed
        if (workspace != null) {
            workspace.close();
        }
        if (notifier != null) {
            notifier.close();
        }
        if (telemetry != null) {
            telemetry.close(); // after the workspace: the last scans' spans have ended
        }
        if (executors != null) {
            executors.close();
        }
    }
}
