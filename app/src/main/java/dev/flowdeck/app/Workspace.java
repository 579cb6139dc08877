package dev.flowdeck.app;

import dev.flowdeck.core.audit.AuditLog;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.mask.HashKey;
import dev.flowdeck.views.cluster.ClusterViewModel;
import dev.flowdeck.views.cluster.ConnectionState;
import dev.flowdeck.views.connection.ConnectionActions;
import dev.flowdeck.views.connection.ConnectionDialog;
import dev.flowdeck.views.connection.ConnectionForm;
import dev.flowdeck.views.connection.PasswordPrompt;
import dev.flowdeck.views.offsets.ResetOffsetsDialog;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clusters in the window and their sessions: the sandbox's, one given on the command line, and the saved
 * profiles (connected when first selected). Carries out what the views ask through {@link ConnectionActions}.
 * Lives on the FX thread.
 */
final class Workspace implements ConnectionActions, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);

    private final ObservableList<ClusterViewModel> clusters = FXCollections.observableArrayList();
    private final Map<ClusterViewModel, ClusterSession> sessions = new HashMap<>();
    private final java.util.Set<ClusterViewModel> connecting = new java.util.HashSet<>();
    private final AppExecutors executors;
    private final LagWatch lagWatch;
    private final AuditLog audit;
    private final Clock clock;
    private final ClusterSchemas schemas = new ClusterSchemas();
    private AppProfiles profiles;
    private Window owner;

    Workspace(AppExecutors executors, LagWatch lagWatch, AuditLog audit, Clock clock) {
        this.executors = executors;
        this.lagWatch = lagWatch;
        this.audit = audit;
        this.clock = clock;
    }

    ObservableList<ClusterViewModel> clusters() {
        return clusters;
    }

    /** Each open Kafka connection's schemas, for its browsers and replays. */
    ClusterSchemas schemas() {
        return schemas;
    }

    void ownedBy(Window window) {
        this.owner = window;
    }

    /** A cluster the app opens at once (the sandbox's, or one from the command line). */
    ClusterViewModel add(ConnectionProfile profile, String starting, Callable<ClusterSession.Opened> opener) {
        var cluster = new ClusterViewModel(profile, Platform::runLater, clock);
        clusters.add(cluster);
        sessions.put(cluster, ClusterSession.open(cluster, starting, opener, executors, lagWatch, Platform::runLater));
        return cluster;
    }

    /**
     * A profile's key for hashed fields, read (or made) in its secret store off the FX thread. A profile the catalog
     * does not hold (the sandbox, one given on the command line) has no rules to hash with; should the catalog
     * still be loading, the key waits for it.
     */
    CompletionStage<HashKey> maskingKey(ConnectionProfile profile) {
        AppProfiles catalog = profiles;
        if (catalog == null) {
            return CompletableFuture.completedFuture(HashKey.random());
        }
        return catalog.maskingKey(profile);
    }

    /** Loads the profile catalog (probing the keychain) in the background and lists the saved profiles. */
    void loadSavedProfiles() {
        java.util.concurrent.CompletableFuture.supplyAsync(() -> AppProfiles.open(executors.brokerIo()),
                        executors.brokerIo())
                .thenCompose(catalog -> {
                    Platform.runLater(() -> {
                        profiles = catalog;
                        if (catalog.hasLockedSecretsFile()) {
                            unlockSecretsFile(catalog);
                        }
                    });
                    return catalog.list();
                })
                .whenComplete((saved, failure) -> Platform.runLater(() -> {
                    if (failure != null) {
                        LOG.error("The saved connections could not be read", failure);
                        var problem = new Alert(Alert.AlertType.WARNING, "The saved connections could not be read: "
                                + dev.flowdeck.core.broker.Failures.sentence(failure), ButtonType.OK);
                        problem.initOwner(owner);
                        problem.setHeaderText(null);
                        problem.show();
                        return;
                    }
                    saved.forEach(this::addSaved);
                }));
    }

    /** Asks for the master password until it opens the file or the operator gives up (then: memory only). */
    private void unlockSecretsFile(AppProfiles catalog) {
        PasswordPrompt.masterPassword(owner, false).ifPresent(master ->
                catalog.protectWithMasterPassword(master.toCharArray()).whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        LOG.warn("The master password did not open the secrets file");
                        Platform.runLater(() -> unlockSecretsFile(catalog));
                    }
                }));
    }

    private ClusterViewModel addSaved(ConnectionProfile profile) {
        var cluster = new ClusterViewModel(profile, Platform::runLater, clock);
        cluster.notConnected();
        clusters.add(cluster);
        return cluster;
    }

    @Override
    public void open(ClusterViewModel cluster) {
        if (cluster.stateProperty().get() == ConnectionState.DISCONNECTED) {
            connect(cluster);
        }
    }

    private void connect(ClusterViewModel cluster) {
        if (sessions.containsKey(cluster) || profiles == null || !connecting.add(cluster)) {
            return;
        }
        AppProfiles catalog = profiles;
        ConnectionProfile profile = cluster.profile();
        // Reading the keychain may block: off the FX thread; the answer (and any question) comes back to it.
        java.util.concurrent.CompletableFuture
                .supplyAsync(() -> catalog.resolve(profile, Map.of()), executors.brokerIo())
                .whenComplete((resolved, failure) -> Platform.runLater(() -> {
                    connecting.remove(cluster);
                    if (!clusters.contains(cluster)) {
                        return; // edited or deleted while its secrets were being read
                    }
                    boolean needsPassword = failure == null && !profile.username().isEmpty()
                            && resolved.credentials().password().isEmpty();
                    if (!needsPassword) {
                        startSession(cluster, catalog);
                        return;
                    }
                    // No stored password (no keychain, a new session): ask once; the catalog keeps it from then on.
                    var typed = PasswordPrompt.forProfile(owner, profile.name(), profile.username(),
                            catalog.secretsDescription());
                    if (typed.isEmpty()) {
                        cluster.failed("No password for " + profile.username() + " on " + profile.name()
                                + ": edit the connection to give one.");
                        return;
                    }
                    catalog.save(profile, Map.of("password", typed.get())).whenComplete((saved, error) ->
                            Platform.runLater(() -> {
                                if (clusters.contains(cluster)) {
                                    startSession(cluster, catalog);
                                }
                            }));
                }));
    }

    private void startSession(ClusterViewModel cluster, AppProfiles catalog) {
        ConnectionProfile profile = cluster.profile();
        sessions.put(cluster, ClusterSession.open(cluster, "Connecting to " + cluster.profileName() + "…", () -> {
            var resolved = catalog.resolve(profile, Map.of());
            var opened = Clusters.connect(resolved.profile(), resolved.credentials(), executors.brokerIo(), schemas,
                    ClusterSchemas.savedIn(catalog, profile.id()));
            // The view model keeps the profile without its secrets: it is shown, edited and logged.
            return new ClusterSession.Opened(opened.connection(), profile, opened.owned());
        }, executors, lagWatch, Platform::runLater));
    }

    @Override
    public void create() {
        if (profiles == null) {
            return; // the catalog is still loading; the button works a moment later
        }
        new ConnectionDialog(owner, new ConnectionForm(), profiles, Platform::runLater, false)
                .showAndWait()
                .ifPresent(saved -> {
                    var cluster = new ClusterViewModel(saved, Platform::runLater, clock);
                    clusters.add(cluster); // CONNECTING, so the window selects it
                    connect(cluster);
                });
    }

    @Override
    public void edit(ClusterViewModel cluster) {
        if (profiles == null || cluster.profile().sandbox()) {
            return;
        }
        // The profile as saved now: a browser's "Decode as" saves topic formats into it after the cluster opened,
        // and the dialog must not save them away again.
        AppProfiles catalog = profiles;
        catalog.list().whenComplete((all, failure) -> Platform.runLater(() -> {
            ConnectionProfile current = failure != null ? cluster.profile() : all.stream()
                    .filter(saved -> saved.id().equals(cluster.profile().id())).findFirst()
                    .orElse(cluster.profile());
            new ConnectionDialog(owner, ConnectionForm.editing(current), catalog, Platform::runLater, true)
                    .showAndWait()
                    .ifPresent(saved -> {
                        int index = clusters.indexOf(cluster);
                        if (index < 0) {
                            return; // deleted meanwhile
                        }
                        closeSession(cluster);
                        var replacement = new ClusterViewModel(saved, Platform::runLater, clock);
                        clusters.set(index, replacement); // CONNECTING, so the window selects it
                        connect(replacement);
                    });
        }));
    }

    @Override
    public void duplicate(ClusterViewModel cluster) {
        if (profiles == null || cluster.profile().sandbox()) {
            return;
        }
        profiles.duplicate(cluster.profile().id()).whenComplete((copy, failure) -> Platform.runLater(() -> {
            if (failure == null) {
                addSaved(copy);
            } else {
                LOG.error("Duplicating {} failed", cluster.profileName(), failure);
            }
        }));
    }

    @Override
    public void delete(ClusterViewModel cluster) {
        if (profiles == null || cluster.profile().sandbox()) {
            return;
        }
        var confirm = new Alert(Alert.AlertType.CONFIRMATION,
                "Delete the connection '" + cluster.profileName() + "' and its stored passwords?",
                ButtonType.CANCEL, ButtonType.OK);
        confirm.initOwner(owner);
        confirm.setHeaderText(null);
        confirm.getDialogPane().setId("confirm-delete");
        if (confirm.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
            return;
        }
        profiles.delete(cluster.profile().id()).whenComplete((ignored, failure) -> Platform.runLater(() -> {
            if (failure == null) {
                closeSession(cluster);
                clusters.remove(cluster);
            } else {
                LOG.error("Deleting {} failed", cluster.profileName(), failure);
            }
        }));
    }

    @Override
    public void resetOffsets(ClusterViewModel cluster, String group) {
        cluster.connection().ifPresent(connection -> ResetOffsetsDialog.show(owner, connection,
                cluster.profileName(), group, audit, executors.brokerIo()));
    }

    private void closeSession(ClusterViewModel cluster) {
        ClusterSession session = sessions.remove(cluster);
        if (session != null) {
            executors.brokerIo().execute(session::close); // closing may wait for a broker: not on the FX thread
        }
    }

    @Override
    public void close() {
        sessions.values().forEach(ClusterSession::close);
        sessions.clear();
    }
}
