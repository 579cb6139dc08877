package dev.flowdeck.views.trace;

import static dev.flowdeck.views.trace.TraceViewModelTest.A;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.broker.TopicSummary;
import dev.flowdeck.core.browse.StartPosition;
import dev.flowdeck.views.browser.BrowserViewModel;
import dev.flowdeck.views.browser.DestinationView;
import dev.flowdeck.views.shell.MainWindow;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
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
    private ShopWindow shop;

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        shop.close();
    }

    @Test
    void followingATraceLinkShowsItsChainAndAnEventOpensAtItsOffset() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        shop = onFx(() -> {
            var opened = new ShopWindow(stage);
            opened.window.openDestination(opened.shop, new TopicSummary("orders", 1, 1, 5));
            return opened;
        });
        MainWindow window = shop.window;
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
}
