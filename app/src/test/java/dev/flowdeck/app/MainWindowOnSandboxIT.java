package dev.flowdeck.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flowdeck.sandbox.ShopTopology;
import dev.flowdeck.views.cluster.NavigationTree;
import dev.flowdeck.views.shell.Theme;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Opens the real app, through its composition root, on the sandbox (JavaFX's headless platform) and checks what an
 * operator sees: the window at once, the sandbox's topics listed with their counts, the connection in the status
 * bar, and an FX thread that never stalled while the broker started.
 */
class MainWindowOnSandboxIT {

    private static final FxRobot robot = new FxRobot();
    private static Application app;
    private static final AtomicLong longestFrameGapNanos = new AtomicLong();
    private static final AtomicLong frames = new AtomicLong();
    private static AnimationTimer frameWatch;

    @BeforeAll
    static void openApp() throws Exception {
        FxToolkit.registerPrimaryStage();
        frameWatch = onFx(() -> new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                frames.incrementAndGet();
                if (last != 0) {
                    longestFrameGapNanos.accumulateAndGet(now - last, Math::max);
                }
                last = now;
            }
        });
        onFx(() -> {
            frameWatch.start();
            return null;
        });
        app = FxToolkit.setupApplication(FlowdeckApp.class, "--sandbox");
    }

    @AfterAll
    static void closeApp() throws Exception {
        onFx(() -> {
            frameWatch.stop();
            return null;
        });
        FxToolkit.cleanupApplication(app);
    }

    @Test
    void listsTheSandboxTopicsWithCountsAndStaysResponsive() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(onFx(this::topicsInTree)).containsExactlyInAnyOrderElementsOf(ShopTopology.allTopics()));

        assertThat(onFx(() -> robot.lookup("#status-connection").queryAs(Label.class).getText()))
                .isEqualTo("Connected to Sandbox");
        assertThat(onFx(() -> robot.lookup("#status-version").queryAs(Label.class).getText())).startsWith("Kafka ≥ 4.");
        assertThat(onFx(() -> robot.lookup("#status-cluster-id").queryAs(Label.class).getText())).startsWith("cluster ");

        TableView<?> table = onFx(() -> robot.lookup("#destinations-table").queryAs(TableView.class));
        assertThat(onFx(() -> table.getItems().size())).isEqualTo(ShopTopology.allTopics().size());

        // Live: the orders topic's count keeps rising while the window is open.
        long before = ordersCount();
        await().atMost(Duration.ofSeconds(20)).until(() -> ordersCount() > before);

        // The broker took seconds to start; the FX thread kept drawing frames all along.
        assertThat(frames.get()).as("frames drawn while the sandbox started").isGreaterThan(50);
        assertThat(TimeUnit.NANOSECONDS.toMillis(longestFrameGapNanos.get())).isLessThan(3_000);
    }

    @Test
    void switchesBetweenLightAndDarkOnRequest() throws Exception {
        String before = onFx(Application::getUserAgentStylesheet);
        Theme expected = before.equals(Theme.LIGHT.stylesheet()) ? Theme.DARK : Theme.LIGHT;

        robot.clickOn("#theme-toggle");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(onFx(Application::getUserAgentStylesheet)).isEqualTo(expected.stylesheet());
    }

    private List<String> topicsInTree() {
        var tree = robot.lookup("#navigation-tree").<NavigationTree>queryAs(NavigationTree.class);
        TreeItem<NavigationTree.Entry> profile = tree.getRoot().getChildren().getFirst();
        assertThat(profile.getValue()).isEqualTo(new NavigationTree.Profile("Sandbox"));
        return profile.getChildren().stream()
                .map(item -> ((NavigationTree.Item) item.getValue()).destination().name())
                .toList();
    }

    private long ordersCount() throws Exception {
        return onFx(() -> {
            var tree = robot.lookup("#navigation-tree").<NavigationTree>queryAs(NavigationTree.class);
            return tree.getRoot().getChildren().getFirst().getChildren().stream()
                    .map(item -> ((NavigationTree.Item) item.getValue()).destination())
                    .filter(topic -> topic.name().equals(ShopTopology.ORDERS))
                    .findFirst().orElseThrow().messageCount();
        });
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }
}
