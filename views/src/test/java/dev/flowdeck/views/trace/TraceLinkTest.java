package dev.flowdeck.views.trace;

import static dev.flowdeck.views.trace.TraceViewModelTest.A;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.TopicSummary;
import dev.flowdeck.core.browse.StartPosition;
import dev.flowdeck.views.browser.BrowserViewModel;
import dev.flowdeck.views.browser.DestinationView;
import dev.flowdeck.views.cluster.ClusterViewModel;
import dev.flowdeck.views.connection.ConnectionActions;
import dev.flowdeck.views.deadletter.DeadLetterInboxViewModel;
import dev.flowdeck.views.replay.ScriptedReplays;
import dev.flowdeck.views.shell.ClusterViews;
import dev.flowdeck.views.shell.MainWindow;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The browser's trace link opens the Traces tab on the message's chain; an event of it opens back in the browser. */
class TraceLinkTest {

    private final FxRobot robot = new FxRobot();
    private final ExecutorService indexing = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ScriptedTraces shop = TraceViewModelTest.shop();
    private final Clock clock = Clock.fixed(ScriptedTraces.T0.plusSeconds(5), ZoneOffset.UTC);

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        indexing.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void followingATraceLinkShowsItsChainAndAnEventOpensAtItsOffset() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        MainWindow window = onFx(() -> {
            var cluster = new ClusterViewModel(ConnectionProfile.kafka("shop", "localhost:9092"), Runnable::run,
                    clock);
            cluster.attach(shop);
            var shell = new MainWindow(FXCollections.observableArrayList(cluster), new NoActions(), new ClusterViews(
                    (connection, destination, seekable) -> new BrowserViewModel(connection, destination, seekable,
                            Platform::runLater, Runnable::run, timer, clock),
                    (connection, profile) -> new TraceViewModel(connection, profile, Platform::runLater, indexing,
                            clock),
                    (connection, profile, replays) -> new DeadLetterInboxViewModel(connection, profile,
                            Platform::runLater, replays),
                    (connection, profile) -> new ScriptedReplays()));
            stage.setScene(shell.createScene());
            stage.show();
            shell.openDestination(cluster, new TopicSummary("orders", 1, 1, 5));
            return shell;
        });
        BrowserViewModel orders = onFx(() -> robot.lookup("#destination-view").queryAs(DestinationView.class)
                .browser());
        onFx(() -> {
            orders.start();
            return null;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> orders.rows().size() == 5));
        onFx(() -> {
            orders.selectedProperty().set(orders.rows().getFirst());
            return null;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() ->
                robot.lookup("#detail-trace").queryAs(Hyperlink.class).isVisible()));

        onFx(() -> {
            robot.lookup("#detail-trace").queryAs(Hyperlink.class).fire();
            return null;
        });

        TabPane tabs = robot.lookup("#view-tabs").queryAs(TabPane.class);
        assertThat(onFx(() -> tabs.getSelectionModel().getSelectedItem().getId())).isEqualTo("traces-tab");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() ->
                robot.lookup("#trace-status").queryAs(Label.class).getText()
                        .equals("3 events in 3 destinations over 300 ms.")));
        assertThat(onFx(() -> robot.lookup("#trace-search").queryAs(javafx.scene.control.TextField.class)
                .getText())).isEqualTo(A);

        var table = robot.lookup("#chain-events").queryAs(javafx.scene.control.TableView.class);
        onFx(() -> {
            table.getSelectionModel().select(1);
            table.requestFocus();
            return null;
        });
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(onFx(() -> tabs.getSelectionModel().getSelectedItem().getId())).isEqualTo("browse-payments");
        BrowserViewModel payments = onFx(() -> ((DestinationView) tabs.getSelectionModel().getSelectedItem()
                .getContent()).browser());
        assertThat(onFx(payments::lastRequest)).hasValueSatisfying(request -> {
            assertThat(request.start()).isEqualTo(new StartPosition.Offset(0));
            assertThat(request.partitions()).containsExactly(0);
        });
        assertThat(onFx(() -> window.activeClusterProperty().get().profileName())).isEqualTo("shop");
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    private static final class NoActions implements ConnectionActions {
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
