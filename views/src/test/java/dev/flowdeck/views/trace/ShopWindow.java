package dev.flowdeck.views.trace;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.views.browser.BrowserViewModel;
import dev.flowdeck.views.cluster.ClusterViewModel;
import dev.flowdeck.views.connection.ConnectionActions;
import dev.flowdeck.views.deadletter.DeadLetterInboxViewModel;
import dev.flowdeck.views.replay.ScriptedReplays;
import dev.flowdeck.views.shell.ClusterViews;
import dev.flowdeck.views.shell.MainWindow;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.stage.Stage;

/**
 * The main window on the scripted shop ({@link TraceViewModelTest#shop()}), as the GUI tests of the shell open it:
 * a connected cluster "shop" and, where asked, a second one not connected. Build and use on the FX thread; close
 * after the test.
 */
final class ShopWindow implements AutoCloseable {

    final Clock clock = Clock.fixed(ScriptedTraces.T0.plusSeconds(5), ZoneOffset.UTC);
    final ClusterViewModel shop;
    final MainWindow window;
    private final ExecutorService indexing = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    ShopWindow(Stage stage, String... otherClusters) {
        shop = new ClusterViewModel(ConnectionProfile.kafka("shop", "localhost:9092"), Runnable::run, clock);
        shop.attach(TraceViewModelTest.shop());
        var clusters = FXCollections.observableArrayList(shop);
        for (String other : otherClusters) {
            clusters.add(new ClusterViewModel(ConnectionProfile.kafka(other, "localhost:9093"), Runnable::run, clock));
        }
        window = new MainWindow(clusters, new NoActions(), new ClusterViews(
                (connection, destination, seekable) -> new BrowserViewModel(connection, destination, seekable,
                        Platform::runLater, Runnable::run, timer, clock),
                (connection, profile) -> new TraceViewModel(connection, profile, Platform::runLater, indexing, clock),
                (connection, profile, replays) -> new DeadLetterInboxViewModel(connection, profile,
                        Platform::runLater, replays),
                (connection, profile) -> new ScriptedReplays()));
        stage.setScene(window.createScene());
        stage.show();
    }

    @Override
    public void close() {
        indexing.shutdownNow();
        timer.shutdownNow();
    }

    /** A window's owner that is asked nothing in these tests. */
    static final class NoActions implements ConnectionActions {
        @Override
        public void open(ClusterViewModel cluster) {
        }

        @Override
        public void create() {
        }

        @Override
        public void edit(ClusterViewModel cluster) {
        }

        @Override
        public void duplicate(ClusterViewModel cluster) {
        }

        @Override
        public void delete(ClusterViewModel cluster) {
        }

        @Override
        public void resetOffsets(ClusterViewModel cluster, String group) {
        }
    }
}
