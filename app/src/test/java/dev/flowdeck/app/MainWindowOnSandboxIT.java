package dev.flowdeck.app;

import static dev.flowdeck.app.AppTestSupport.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.lag.AlertKind;
import dev.flowdeck.core.lag.GroupStatus;
import dev.flowdeck.core.lag.GroupVerdict;
import dev.flowdeck.core.lag.LagAlert;
import dev.flowdeck.sandbox.ShopTopology;
import dev.flowdeck.sandbox.rabbit.RabbitInstallation;
import dev.flowdeck.views.cluster.NavigationTree;
import dev.flowdeck.views.lag.ConsumerLagView;
import dev.flowdeck.views.lag.FlowMap;
import dev.flowdeck.views.lag.FlowMapView;
import dev.flowdeck.views.lag.LagViewModel;
import dev.flowdeck.views.shell.Theme;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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

    private static Path configDir;

    @BeforeAll
    static void openApp() throws Exception {
        configDir = AppTestSupport.temporaryConfigDirectory();
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
        // Lag sampled every second and judged over 10 s, so statuses settle within the test's patience.
        app = FxToolkit.setupApplication(FlowdeckApp.class, "--sandbox", "--lag-interval", "1s", "--lag-window", "10s");
    }

    @AfterAll
    static void closeApp() throws Exception {
        onFx(() -> {
            frameWatch.stop();
            return null;
        });
        FxToolkit.cleanupApplication(app);
        AppTestSupport.deleteConfigDirectory(configDir);
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

    @Test
    void theLagTabFindsTheStalledGroupAlertsOnceAndTheFlowMapNamesTheWorst() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> onFx(() -> tree().getRoot().getChildren().size()) >= 1);
        LagViewModel lag = showLagOf(0);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(onFx(() -> statusOf(lag, ShopTopology.STALLED_GROUP))).isEqualTo(GroupStatus.STALLED));
        assertThat(onFx(() -> statusOf(lag, ShopTopology.PAYMENT_SERVICE))).isEqualTo(GroupStatus.OK);

        // Five more rounds: the stall goes on, and it is still one alert.
        Instant stalledAt = onFx(() -> lag.lastSampleProperty().get());
        await().atMost(Duration.ofSeconds(30)).until(() -> onFx(() -> lag.lastSampleProperty().get())
                .isAfter(stalledAt.plusSeconds(5)));
        assertThat(onFx(() -> statusOf(lag, ShopTopology.STALLED_GROUP))).isEqualTo(GroupStatus.STALLED);
        List<LagAlert> raised = onFx(() -> lag.alerts().stream()
                .filter(alert -> alert.group().equals(ShopTopology.STALLED_GROUP) && alert.raised()
                        && alert.kind() == AlertKind.STATUS).toList());
        assertThat(raised).hasSize(1);
        assertThat(raised.getFirst().message()).startsWith(ShopTopology.STALLED_GROUP + " Stalled: Offsets unchanged");

        onFx(() -> {
            selectTab("flow-tab");
            return null;
        });
        FlowMap flow = onFx(() -> robot.lookup("#flow-map").queryAs(FlowMapView.class).shown());
        assertThat(flow.edges()).anySatisfy(edge -> {
            assertThat(edge.topic()).isEqualTo(ShopTopology.PAYMENTS);
            assertThat(edge.group()).isEqualTo(ShopTopology.STALLED_GROUP);
            assertThat(edge.status()).isEqualTo(GroupStatus.STALLED);
        });
        assertThat(flow.worst()).as("a stalled group is on the map").isPresent();
    }

    @Test
    void rabbitQueuesAreJudgedWithTheirDeadLetterQueuesInTheirState() throws Exception {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(onFx(() -> namesUnder(rabbitVhost()))).contains("email.outbox"));
        LagViewModel lag = showLagOf(1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<String> queues = onFx(() -> lag.groups().stream().map(GroupVerdict::name).toList());
            assertThat(queues).contains("billing.invoices", "email.outbox", "warehouse.picks")
                    .doesNotContain("email.outbox.dlq", "audit.log");
            String state = onFx(() -> lag.groups().stream().filter(v -> v.name().equals("email.outbox"))
                    .findFirst().orElseThrow().group().state());
            assertThat(state).matches(".* · [1-9][0-9]* dead-lettered in email\\.outbox\\.dlq");
        });
    }

    /** Selects the cluster at {@code index} in the tree and opens its lag tab. */
    private LagViewModel showLagOf(int index) throws Exception {
        return onFx(() -> {
            tree().getSelectionModel().select(tree().getRoot().getChildren().get(index));
            selectTab("lag-tab");
            return robot.lookup("#consumer-lag-view").queryAs(ConsumerLagView.class).model();
        });
    }

    private static NavigationTree tree() {
        return robot.lookup("#navigation-tree").queryAs(NavigationTree.class);
    }

    private static void selectTab(String id) {
        TabPane tabs = robot.lookup("#view-tabs").queryAs(TabPane.class);
        tabs.getSelectionModel().select(tabs.getTabs().stream().filter(tab -> id.equals(tab.getId())).findFirst()
                .orElseThrow());
    }

    private static GroupStatus statusOf(LagViewModel lag, String group) {
        return lag.groups().stream().filter(verdict -> verdict.name().equals(group)).findFirst()
                .map(GroupVerdict::status).orElse(null);
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
    void aNewConnectionIsTestedSavedWithoutItsPasswordAndOpened() throws Exception {
        // A RabbitMQ user with a password, so the dialog has a secret to keep out of the config directory.
        String password = "s3cret-ops-" + System.nanoTime();
        await().atMost(Duration.ofSeconds(90)).until(() -> rabbitAddress() != null);
        String[] where = rabbitAddress().split(" · management ");
        addRabbitUser(where[1], "ops", password);

        press("#new-connection");
        awaitShowing("#connection-dialog", 10);

        // No OS keychain in this test JVM: choose a master password so secrets go to an encrypted file.
        assertThat(onFx(() -> robot.lookup("#secrets-where").queryAs(Label.class).getText())).contains("memory only");
        press("#use-master-password");
        awaitShowing("#password-prompt", 10);
        setText("#prompt-password", "master-of-secrets");
        setText("#prompt-password-again", "master-of-secrets");
        clickOk("#password-prompt");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(onFx(() -> robot.lookup("#secrets-where").queryAs(Label.class).getText()))
                        .contains("a file encrypted with your master password"));

        onFx(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<BrokerKind> kind = robot.lookup("#connection-kind").queryAs(ComboBox.class);
            kind.setValue(BrokerKind.RABBITMQ);
            return null;
        });
        setText("#connection-name", "Local RabbitMQ");
        setText("#connection-address", where[0]);
        setText("#connection-user", "ops");
        setText("#connection-password", "wrong");
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String deadManagement = "http://127.0.0.1:" + closedPort + "/api/";
        setText("#connection-management-url", deadManagement);
        press("#test-connection");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(verdict())
                .startsWith("Failed: No answer from the management API at " + deadManagement));

        setText("#connection-management-url", where[1]);
        press("#test-connection");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(verdict())
                .startsWith("Failed: The management API at " + where[1] + " refused the credentials"));

        setText("#connection-password", password);
        press("#test-connection");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(verdict())
                .startsWith("Connected: RabbitMQ 3.").endsWith("1 broker."));

        press("#connection-production");
        assertThat(onFx(() -> robot.lookup("#connection-read-only").queryAs(CheckBox.class).isSelected()))
                .as("production starts read-only").isTrue();
        // Saved without its password: connecting asks for it once, as after a restart without a keychain.
        setText("#connection-password", "");
        press("#save-connection");
        awaitShowing("#password-prompt", 20);
        setText("#prompt-password", password);
        clickOk("#password-prompt");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(onFx(() -> namesUnder(vhostOf("Local RabbitMQ")))).contains("billing.invoices"));
        assertThat(onFx(() -> robot.lookup("#production-band").queryAs(Label.class).isVisible())).isTrue();
        assertThat(onFx(() -> robot.lookup("#production-band").queryAs(Label.class).getText()))
                .isEqualTo("PRODUCTION: Local RabbitMQ (read-only)");
        assertThat(configDir.resolve("secrets.enc")).exists();

        // Duplicate it from its context menu, then delete the copy: the catalog and the tree follow.
        fromTreeMenu("Local RabbitMQ", "Duplicate");
        await().atMost(Duration.ofSeconds(20)).until(() -> profileNames().contains("Local RabbitMQ (copy)"));
        fromTreeMenu("Local RabbitMQ (copy)", "Delete…");
        awaitShowing("#confirm-delete", 10);
        clickOk("#confirm-delete");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(profileNames()).doesNotContain("Local RabbitMQ (copy)"));
        assertThat(profileNames()).as("the original stays").contains("Local RabbitMQ");
        assertThat(Files.readString(configDir.resolve("profiles.json"))).doesNotContain("(copy)");

        String saved = Files.readString(configDir.resolve("profiles.json"));
        assertThat(saved).contains("Local RabbitMQ").contains("\"production\" : true");
        try (var files = Files.walk(configDir)) {
            // Every file, binary ones too (the lag history): read byte for byte, the password is ASCII.
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain(password);
            }
        }
    }

    /**
     * Selects a profile's row and runs an item of the tree's context menu, as a right-click on that row does. The
     * menu is driven directly: a robot's right-click lands on whatever cell is under it once the virtualised tree
     * has re-laid itself out, which on a loaded machine need not be the row the test meant.
     */
    private void fromTreeMenu(String profile, String item) throws Exception {
        javafx.scene.control.MenuItem menuItem = onFx(() -> {
            var tree = robot.lookup("#navigation-tree").<NavigationTree>queryAs(NavigationTree.class);
            var row = tree.getRoot().getChildren().stream()
                    .filter(child -> child.getValue().equals(new NavigationTree.Profile(profile)))
                    .findFirst().orElseThrow(() -> new AssertionError("no profile " + profile + " in the tree"));
            tree.getSelectionModel().select(row);
            return tree.getContextMenu().getItems().stream().filter(candidate -> candidate.getText().equals(item))
                    .findFirst().orElseThrow(() -> new AssertionError("no menu item " + item));
        });
        // Delete opens a modal dialog (a nested event loop): post the action rather than wait for it to return.
        javafx.application.Platform.runLater(menuItem::fire);
    }

    private List<String> profileNames() throws Exception {
        return onFx(() -> robot.lookup("#navigation-tree").<NavigationTree>queryAs(NavigationTree.class)
                .getRoot().getChildren().stream()
                .map(item -> ((NavigationTree.Profile) item.getValue()).name()).toList());
    }

    private void setText(String id, String text) throws Exception {
        onFx(() -> {
            robot.lookup(id).queryAs(TextField.class).setText(text);
            return null;
        });
    }

    /**
     * Waits until a dialog is on screen: its pane exists, its window shows, and the pane is laid out. A robot that
     * clicks into a dialog any earlier finds nothing visible, or misses.
     */
    private void awaitShowing(String dialogId, int seconds) {
        Callable<Boolean> showing = () -> robot.lookup(dialogId).tryQuery()
                .map(pane -> pane.getScene() != null && pane.getScene().getWindow() != null
                        && pane.getScene().getWindow().isShowing() && pane.isVisible()
                        && pane.getLayoutBounds().getWidth() > 0)
                .orElse(false);
        await().atMost(Duration.ofSeconds(seconds)).until(() -> onFx(showing));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Presses a dialog's OK once its window is on screen. The button is fired rather than clicked: on a loaded
     * machine a click can land before the new window has its position, and miss.
     */
    /**
     * Fires a button (or toggles a check box) as a click would. Not the robot's click: a desktop notification of
     * the sandbox's lag alerts may sit over the dialog's buttons in the corner of the small headless screen.
     */
    private static void press(String id) throws Exception {
        var button = onFx(() -> robot.lookup(id).queryAs(javafx.scene.control.ButtonBase.class));
        // Fired later, not waited for: a button may open a dialog that runs a nested event loop until it closes.
        javafx.application.Platform.runLater(button::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void clickOk(String dialogId) throws Exception {
        var ok = (javafx.scene.control.Button) onFx(() -> robot.lookup(dialogId)
                .queryAs(javafx.scene.control.DialogPane.class).lookupButton(javafx.scene.control.ButtonType.OK));
        await().atMost(Duration.ofSeconds(10)).until(() -> onFx(() ->
                ok.getScene() != null && ok.getScene().getWindow() != null && ok.getScene().getWindow().isShowing()));
        onFx(() -> {
            ok.fire();
            return null;
        });
    }

    @Test
    void aKafkaConnectionIsTestedAndOpensWithItsTopics() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> kafkaAddress() != null);
        String address = kafkaAddress();

        press("#new-connection");
        awaitShowing("#connection-dialog", 10);
        setText("#connection-name", "Local Kafka");
        setText("#connection-address", address);
        press("#test-connection");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(verdict())
                .startsWith("Connected: Kafka ≥ 4.").endsWith("1 broker."));
        press("#save-connection");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(onFx(() -> {
            var tree = robot.lookup("#navigation-tree").<NavigationTree>queryAs(NavigationTree.class);
            var item = tree.getRoot().getChildren().stream()
                    .filter(child -> child.getValue().equals(new NavigationTree.Profile("Local Kafka")))
                    .findFirst().orElseThrow(() -> new AssertionError("no Local Kafka in the tree"));
            return namesUnder(item);
        })).contains(ShopTopology.ORDERS, ShopTopology.deadLetterTopic(ShopTopology.ORDERS)));
        assertThat(Files.readString(configDir.resolve("profiles.json"))).contains("Local Kafka").contains(address);
    }

    /** The Kafka sandbox's bootstrap address, from the status bar once it is connected. */
    private String kafkaAddress() throws Exception {
        return onFx(() -> {
            var tree = robot.lookup("#navigation-tree").<NavigationTree>queryAs(NavigationTree.class);
            tree.getSelectionModel().select(tree.getRoot().getChildren().getFirst());
            String text = robot.lookup("#status-address").queryAs(Label.class).getText();
            return text.startsWith("127.0.0.1:") ? text : null;
        });
    }

    private String verdict() throws Exception {
        return onFx(() -> robot.lookup("#connection-verdict").queryAs(Label.class).getText());
    }

    /** The RabbitMQ sandbox's "address · management URL", from the status bar once it is connected. */
    private String rabbitAddress() throws Exception {
        return onFx(() -> {
            var tree = robot.lookup("#navigation-tree").<NavigationTree>queryAs(NavigationTree.class);
            if (tree.getRoot().getChildren().size() < 2) {
                return null;
            }
            tree.getSelectionModel().select(tree.getRoot().getChildren().get(1));
            String text = robot.lookup("#status-address").queryAs(Label.class).getText();
            return text.contains(" · management http") ? text : null;
        });
    }

    private static void addRabbitUser(String managementUrl, String user, String password) throws Exception {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));
        for (var call : List.of(
                new String[] {"users/" + user, "{\"password\":\"" + password + "\",\"tags\":\"monitoring\"}"},
                new String[] {"permissions/%2F/" + user, "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}"})) {
            var response = http.send(HttpRequest.newBuilder(URI.create(managementUrl + call[0]))
                    .header("Authorization", auth).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(call[1])).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        }
    }

    private TreeItem<NavigationTree.Entry> vhostOf(String profile) {
        var tree = robot.lookup("#navigation-tree").<NavigationTree>queryAs(NavigationTree.class);
        var item = tree.getRoot().getChildren().stream()
                .filter(child -> child.getValue().equals(new NavigationTree.Profile(profile)))
                .findFirst().orElseThrow(() -> new AssertionError("no profile " + profile + " in the tree"));
        assertThat(item.getChildren()).isNotEmpty();
        return item.getChildren().getFirst();
    }

    @Test
    void switchesBetweenLightAndDarkOnRequest() throws Exception {
        String before = onFx(Application::getUserAgentStylesheet);
        Theme expected = before.equals(Theme.LIGHT.stylesheet()) ? Theme.DARK : Theme.LIGHT;

        press("#theme-toggle");
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
}
