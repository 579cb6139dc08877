package dev.flowdeck.views.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.broker.TopicSummary;
import dev.flowdeck.views.shell.OpenTabs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The tabs of one session, remembered by profile, open again in the next once the cluster lists its topics. */
class ReopenTabsTest {

    private final FxRobot robot = new FxRobot();
    private ShopWindow shop;

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        shop.close();
    }

    @Test
    void theBrowsersAndTheSelectedTabOfAProfileAreRememberedAndOpenAgain() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        shop = onFx(() -> new ShopWindow(stage, "staging"));
        Map<String, OpenTabs> remembered = onFx(() -> {
            shop.window.openDestination(shop.shop, new TopicSummary("payments", 1, 1, 3));
            shop.window.openDestination(shop.shop, new TopicSummary("orders", 1, 1, 5));
            select("lag-tab");
            return shop.window.openTabs();
        });
        assertThat(remembered).containsOnlyKeys("shop")
                .containsEntry("shop", new OpenTabs(List.of("payments", "orders"), "lag-tab"));
        onFx(() -> {
            stage.close();
            shop.close();
            return null;
        });

        // The next session: the same profiles; the shop lists its topics as it connects, the other never does.
        shop = onFx(() -> {
            var next = new ShopWindow(stage, "staging");
            next.window.reopen(Map.of("shop", new OpenTabs(List.of("payments", "gone-topic", "orders"), "lag-tab"),
                    "staging", new OpenTabs(List.of("audit"), "browse-audit")));
            return next;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> tabIds().contains("browse-orders")));

        assertThat(onFx(this::tabIds)).as("in their order; a topic no longer there is skipped")
                .endsWith("browse-payments", "browse-orders").doesNotContain("browse-gone-topic");
        assertThat(onFx(() -> tabs().getSelectionModel().getSelectedItem().getId())).isEqualTo("lag-tab");
        assertThat(onFx(() -> shop.window.openTabs())).as("a cluster not connected this time keeps its tabs")
                .containsEntry("staging", new OpenTabs(List.of("audit"), "browse-audit"));
    }

    private TabPane tabs() {
        return robot.lookup("#view-tabs").queryAs(TabPane.class);
    }

    private List<String> tabIds() {
        return tabs().getTabs().stream().map(Tab::getId).toList();
    }

    private void select(String id) {
        tabs().getTabs().stream().filter(tab -> id.equals(tab.getId())).findFirst()
                .ifPresent(tab -> tabs().getSelectionModel().select(tab));
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
    }
}
