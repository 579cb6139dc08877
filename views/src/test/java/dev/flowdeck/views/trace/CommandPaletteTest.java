package dev.flowdeck.views.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
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
    private ShopWindow shop;
    private TabPane tabs;

    @BeforeEach
    void openWindow() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        shop = onFx(() -> {
            var opened = new ShopWindow(stage, "staging");
            opened.shop.refresh();
            return opened;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> !shop.shop.destinations().isEmpty()));
        tabs = robot.lookup("#view-tabs").queryAs(TabPane.class);
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        shop.close();
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
}
