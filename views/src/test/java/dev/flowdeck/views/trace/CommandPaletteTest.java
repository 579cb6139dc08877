package dev.flowdeck.views.trace;

import static dev.flowdeck.views.trace.TraceViewModelTest.A;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window driven from the keyboard alone: Ctrl+K, a few letters, Enter. The palette reaches a view, a destination
 * and, typed as is, an order id's chain; F1 lists the keys the window binds.
 */
class CommandPaletteTest {

    private final FxRobot robot = new FxRobot();
    private final ExecutorService indexing = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Clock clock = Clock.fixed(ScriptedTraces.T0.plusSeconds(5), ZoneOffset.UTC);
    private TabPane tabs;

    @BeforeEach
    void openWindow() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        ClusterViewModel cluster = onFx(() -> {
            var shop = new ClusterViewModel(ConnectionProfile.kafka("shop", "localhost:9092"), Runnable::run, clock);
            shop.attach(TraceViewModelTest.shop());
            var other = new ClusterViewModel(ConnectionProfile.kafka("staging", "localhost:9093"), Runnable::run,
                    clock);
            var shell = new MainWindow(FXCollections.observableArrayList(shop, other), new NoActions(),
                    new ClusterViews(
                            (connection, destination, seekable) -> new BrowserViewModel(connection, destination,
                                    seekable, Platform::runLater, Runnable::run, timer, clock),
                            (connection, profile) -> new TraceViewModel(connection, profile, Platform::runLater,
                                    indexing, clock),
                            (connection, profile, replays) -> new DeadLetterInboxViewModel(connection, profile,
                                    Platform::runLater, replays),
                            (connection, profile) -> new ScriptedReplays()));
            stage.setScene(shell.createScene());
            stage.show();
            shop.refresh();
            return shop;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> !cluster.destinations().isEmpty()));
        tabs = robot.lookup("#view-tabs").queryAs(TabPane.class);
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        indexing.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void ctrlKThenAFewLettersGoesToAView() throws Exception {
        palette("lag");
        assertThat(shown()).first().isEqualTo("Go to consumer lag");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(selectedTab()).isEqualTo("lag-tab");
        assertThat(onFx(() -> robot.lookup("#command-palette").tryQuery().map(Node::isVisible).orElse(false)))
                .as("the palette closes once a command runs").isFalse();
    }

    @Test
    void opensADestinationByItsName() throws Exception {
        palette("paym");
        assertThat(shown()).first().isEqualTo("Open payments");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(selectedTab()).isEqualTo("browse-payments");
    }

    @Test
    void whatNoCommandMatchesIsLookedUpAsAChain() throws Exception {
        palette("ord-2");
        assertThat(shown()).first().isEqualTo("Find the chain of \"ord-2\"");
        robot.type(KeyCode.ENTER);

        assertThat(selectedTab()).isEqualTo("traces-tab");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() ->
                robot.lookup("#trace-status").queryAs(Label.class).getText().startsWith("4 events in 4 destinations")));
        assertThat(onFx(() -> robot.lookup("#trace-search").queryAs(TextField.class).getText())).isEqualTo("ord-2");
    }

    @Test
    void downChoosesTheNextMatchAndEscapeCloses() throws Exception {
        palette("go to");
        robot.type(KeyCode.DOWN);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(selectedTab()).as("the second 'Go to' command").isEqualTo("flow-tab");

        palette("dead");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(selectedTab()).as("nothing ran").isEqualTo("flow-tab");
    }

    @Test
    void shortcutsWorkWithoutThePaletteAndTheSheetListsThem() throws Exception {
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT4).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(selectedTab()).isEqualTo("traces-tab");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() ->
                robot.lookup("#trace-search").queryAs(TextField.class).isFocused()));

        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> texts = onFx(() -> robot.lookup("#shortcut-sheet .label").queryAllAs(Label.class).stream()
                .map(Label::getText).toList());
        assertThat(texts).contains("Go to consumer lag", "Keyboard shortcuts", "Views", "Help")
                .anySatisfy(text -> assertThat(text).endsWith("K"));
    }

    @Test
    void listsTheOtherClustersToSwitchTo() throws Exception {
        palette("stag");
        assertThat(shown()).first().isEqualTo("Switch to staging");
        assertThat(shown()).noneMatch(name -> name.equals("Switch to shop"));
    }

    private void palette(String typed) throws Exception {
        robot.press(KeyCode.CONTROL).type(KeyCode.K).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() ->
                robot.lookup("#command-field").tryQuery().map(Node::isFocused).orElse(false)));
        robot.write(typed);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private List<String> shown() throws Exception {
        return onFx(() -> ((ListView<dev.flowdeck.views.shell.Command>) robot.lookup("#command-list").query())
                .getItems().stream().map(dev.flowdeck.views.shell.Command::name).toList());
    }

    private String selectedTab() throws Exception {
        return onFx(() -> tabs.getSelectionModel().getSelectedItem().getId());
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS); // a loaded machine is slow to build a window
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
