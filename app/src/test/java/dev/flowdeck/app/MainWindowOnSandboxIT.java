package dev.flowdeck.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flowdeck.sandbox.ShopTopology;
import dev.flowdeck.sandbox.rabbit.RabbitInstallation;
import dev.flowdeck.views.cluster.NavigationTree;
import dev.flowdeck.views.shell.Theme;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
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
        RabbitInstallation.findOrInstall(); // so the sandbox has its RabbitMQ side, as on an operator's machine
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

        onFx(() -> {
            var tree = robot.lookup("#navigation-tree").<NavigationTree>queryAs(NavigationTree.class);
            tree.getSelectionModel().select(tree.getRoot().getChildren().getFirst());
            return null;
        });
        assertThat(onFx(() -> robot.lookup("#status-connection").queryAs(Label.class).getText()))
                .isEqualTo("Connected to Sandbox Kafka");
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
    void showsTheRabbitMqSideGroupedByVhostAndFollowsTheSelection() throws Exception {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(onFx(() -> namesUnder(rabbitVhost()))).contains(
                        "billing.invoices", "billing.invoices.dlq", "email.outbox", "email.outbox.dlq",
                        "warehouse.picks", "warehouse.picks.dlq", "audit.log", "shop.events", "shop.dlx"));

        onFx(() -> {
            var tree = robot.lookup("#navigation-tree").<NavigationTree>queryAs(NavigationTree.class);
            tree.getSelectionModel().select(rabbitVhost().getChildren().getFirst());
            return null;
        });

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(onFx(() -> robot.lookup("#status-connection").queryAs(Label.class).getText()))
                    .isEqualTo("Connected to Sandbox RabbitMQ");
            assertThat(onFx(() -> robot.lookup("#status-version").queryAs(Label.class).getText()))
                    .startsWith("RabbitMQ 3.");
        });
    }

    private TreeItem<NavigationTree.Entry> rabbitVhost() {
        var tree = robot.lookup("#navigation-tree").<NavigationTree>queryAs(NavigationTree.class);
        var rabbit = tree.getRoot().getChildren().get(1);
        assertThat(rabbit.getValue()).isEqualTo(new NavigationTree.Profile("Sandbox RabbitMQ"));
        assertThat(rabbit.getChildren()).isNotEmpty();
        var vhost = rabbit.getChildren().getFirst();
        assertThat(vhost.getValue()).isEqualTo(new NavigationTree.Namespace("Sandbox RabbitMQ", "/"));
        return vhost;
    }

    private static List<String> namesUnder(TreeItem<NavigationTree.Entry> parent) {
        return parent.getChildren().stream()
                .map(item -> ((NavigationTree.Item) item.getValue()).destination().name()).toList();
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
        assertThat(profile.getValue()).isEqualTo(new NavigationTree.Profile("Sandbox Kafka"));
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

    /** Runs on the FX thread; an assertion that fails there fails here, so Awaitility can retry it. */
    private static <T> T onFx(Callable<T> read) throws Exception {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError assertion) {
                throw assertion;
            }
            throw e;
        }
    }
}
