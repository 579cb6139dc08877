package dev.flowdeck.app;

import static dev.flowdeck.app.AppTestSupport.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flowdeck.core.lag.GroupStatus;
import dev.flowdeck.core.trace.Chain;
import dev.flowdeck.core.trace.ChainEvent;
import dev.flowdeck.sandbox.ShopTopology;
import dev.flowdeck.sandbox.rabbit.RabbitInstallation;
import dev.flowdeck.store.FileAuditLog;
import dev.flowdeck.views.cluster.NavigationTree;
import dev.flowdeck.views.deadletter.DeadLetterInboxView;
import dev.flowdeck.views.lag.ConsumerLagView;
import dev.flowdeck.views.trace.TraceView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The incident stories of the journeys issue, each walked in the real app on the sandbox from the keyboard and
 * the mouse as an operator would, in at most five actions (a key chord, typed text, a click each count one), with
 * a picture of the window at its key steps. What a test does to learn what the operator knows (which order
 * failed) is not an action.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // as the issue tells them; the fourth leaves RabbitMQ chosen
class OperatorJourneysIT {

    private static final FxRobot robot = new FxRobot();
    private static final JourneyCamera camera = new JourneyCamera();
    private static Application app;
    private static Path configDir;
    private static String kafkaAddress;

    @BeforeAll
    static void openApp() throws Exception {
        configDir = AppTestSupport.temporaryConfigDirectory();
        FxToolkit.registerPrimaryStage();
        // Lag judged over a short window, so the stalled group is called stalled within the test's patience.
        RabbitInstallation.findOrInstall(); // journey 4 is on the RabbitMQ side of the sandbox
        app = FxToolkit.setupApplication(FlowdeckApp.class, "--sandbox", "--orders-per-second", "20",
                "--lag-interval", "1s", "--lag-window", "10s");
        kafkaAddress = await().atMost(Duration.ofSeconds(90)).until(OperatorJourneysIT::kafkaAddress,
                address -> address != null);
    }

    @AfterAll
    static void closeApp() throws Exception {
        FxToolkit.cleanupApplication(app);
        AppTestSupport.deleteConfigDirectory(configDir);
    }

    /** 1. "Why did order X never ship?" From the order id typed into the palette to its chain and its dead letter. */
    @Test
    @Order(1)
    void whyDidThisOrderNeverShip() throws Exception {
        String order = await().atMost(Duration.ofSeconds(180)).until(OperatorJourneysIT::anOrderPaymentFailedOn,
                id -> id != null);
        long started = System.nanoTime();
        focusTheWindow();

        chord(KeyCode.K);                                                                 // 1
        awaitFocused("#command-field");
        type(order);                                                                      // 2
        camera.shoot(scene(), "1-order-typed-into-the-palette");
        press(KeyCode.ENTER);                                                             // 3

        TraceView traces = robot.lookup("#trace-view").queryAs(TraceView.class);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(onFx(() -> traces.model().chainProperty().get()))
                        .as("the chain of %s; the traces say '%s' (%s)", order,
                                onFx(() -> traces.model().statusProperty().get()),
                                onFx(() -> traces.model().errorProperty().get()))
                        .isNotNull());
        Chain chain = onFx(() -> traces.model().chainProperty().get());
        assertThat(selectedTab()).isEqualTo("traces-tab");
        ChainEvent deadLetter = chain.deadLetters().getFirst();
        assertThat(deadLetter.destination()).isEqualTo(ShopTopology.deadLetterTopic(ShopTopology.ORDERS));
        assertThat(deadLetter.reason()).hasValueSatisfying(reason ->
                assertThat(reason.exception()).as("the payment service's exception").isNotBlank());
        assertThat(chain.events().getFirst().destination()).isEqualTo(ShopTopology.ORDERS);
        assertThat(onFx(() -> robot.lookup("#trace-status").queryAs(Label.class).getText()))
                .contains("dead-lettered");
        WaitForAsyncUtils.waitForFxEvents();
        camera.shoot(scene(), "1-its-chain-with-the-payment-dead-lettered");
        camera.note("1. Why did order X never ship?", 3, Duration.ofNanos(System.nanoTime() - started));
    }

    /** 2. "Which consumer is stuck, and since when?" From the flow map to the stalled group's lag. */
    @Test
    @Order(2)
    void whichConsumerIsStuckAndSinceWhen() throws Exception {
        // The operator opens the map when the stall is there to see: fraud-audit hangs after its 25th payment,
        // a minute or two after the shop starts, or more when the broker's start was slow; then a window to judge.
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(onFx(() -> robot.lookup("#flow-map-worst").queryAs(Label.class).getText()))
                        .contains(ShopTopology.STALLED_GROUP));
        long started = System.nanoTime();
        focusTheWindow();
        chord(KeyCode.DIGIT2);                                                            // 1
        awaitFocused("#flow-map-open-worst");
        assertThat(selectedTab()).isEqualTo("flow-tab");
        camera.shoot(scene(), "2-the-flow-map-names-the-stalled-group");
        press(KeyCode.ENTER);                                                             // 2

        assertThat(selectedTab()).isEqualTo("lag-tab");
        ConsumerLagView lag = robot.lookup("#consumer-lag-view").queryAs(ConsumerLagView.class);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(onFx(() -> lag.model().selectedProperty().get().name())).isEqualTo(
                    ShopTopology.STALLED_GROUP);
            assertThat(onFx(() -> lag.model().selectedProperty().get().status())).isEqualTo(GroupStatus.STALLED);
            assertThat(onFx(() -> robot.lookup("#lag-explanation").queryAs(Label.class).getText()))
                    .contains("unchanged");
        });
        WaitForAsyncUtils.waitForFxEvents();
        camera.shoot(scene(), "2-its-status-and-the-lag-since-it-stopped");
        camera.note("2. Which consumer is stuck, and since when?", 2, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * 3. "We deployed the fix; send the failed payments back." The orders the payment service failed on, their
     * biggest cause, the dry run, a replay at the default limit of 50 events a second to the end, and its audit entry.
     */
    @Test
    @Order(3)
    void sendTheFailedPaymentsBack() throws Exception {
        String failedPayments = ShopTopology.deadLetterTopic(ShopTopology.ORDERS);
        long started = System.nanoTime();
        focusTheWindow();
        chord(KeyCode.DIGIT5);                                                            // 1
        DeadLetterInboxView inbox = onFx(() -> robot.lookup("#dead-letter-inbox").queryAs(DeadLetterInboxView.class));
        await().atMost(Duration.ofSeconds(90)).until(() -> onFx(() -> inbox.model().destinations().stream()
                .anyMatch(destination -> destination.name().equals(failedPayments) && destination.messages() > 0)));
        onFx(() -> {                                                                      // 2: its row in the list
            inbox.model().selectedDestinationProperty().set(inbox.model().destinations().stream()
                    .filter(destination -> destination.name().equals(failedPayments)).findFirst().orElseThrow());
            return null;
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> onFx(() -> !inbox.model().runningProperty().get()
                && inbox.model().selectedGroupProperty().get() != null));
        camera.shoot(scene(), "3-the-failed-payments-grouped-by-cause");
        // The tab's own listing may read the queue again meanwhile: Replay… is pressed once a read has ended with
        // its biggest cause chosen, in the same FX task, so nothing empties the groups in between.
        long count = await().atMost(Duration.ofSeconds(60)).until(() -> onFx(() -> {        // 3
            var chosen = inbox.model().selectedGroupProperty().get();
            if (inbox.model().runningProperty().get() || chosen == null) {
                return -1L;
            }
            robot.lookup("#dead-letter-replay").queryAs(javafx.scene.control.ButtonBase.class).fire();
            return chosen.count();
        }), chosen -> chosen >= 0);

        await().atMost(Duration.ofSeconds(60)).until(() -> onFx(() -> robot.lookup("#replay-summary").tryQuery()
                .map(label -> ((Label) label).getText().startsWith("Copy ")).orElse(false)));
        assertThat(onFx(() -> robot.lookup("#replay-dry-run").queryAs(TextArea.class).getText()))
                .contains("→ " + ShopTopology.ORDERS + ", partition ");
        camera.shoot(robot.lookup("#replay-summary").query().getScene(), "3-the-dry-run-and-the-rate-limit");
        fire("#replay-start");                                                            // 4
        await().atMost(Duration.ofSeconds(120)).until(() -> onFx(() -> robot.lookup("#replay-progress-text")
                .queryAs(Label.class).getText().startsWith("Done: ")));
        String done = onFx(() -> robot.lookup("#replay-progress-text").queryAs(Label.class).getText());
        var delivered = java.util.regex.Pattern.compile("Done: (\\d+) delivered, 0 already there, 0 failed, .*")
                .matcher(done);
        assertThat(delivered.matches()).as(done).isTrue();
        assertThat(Long.parseLong(delivered.group(1))).isGreaterThanOrEqualTo(count);
        camera.shoot(robot.lookup("#replay-summary").query().getScene(), "3-replayed-to-the-end");
        fire("#replay-close");
        assertThat(java.nio.file.Files.readString(configDir.resolve(FileAuditLog.FILE_NAME)))
                .as("the audit entry").contains(failedPayments).contains("\"action\":\"replay events\"")
                .contains("\"outcome\":\"succeeded\"");
        camera.note("3. We deployed the fix; send the failed payments back.", 4,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * 4. "RabbitMQ dead letters after a bad deploy." The RabbitMQ sandbox's dead letters, grouped by the reason
     * x-death gives, moved back to the exchange they were first published to.
     */
    @Test
    @Order(4)
    void rabbitDeadLettersMovedBack() throws Exception {
        // The bad deploy has happened: the RabbitMQ side's listing (what the inbox reads to choose) shows dead
        // letters. A node that came up a moment ago has none yet, and the inbox would rightly say "all clear".
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(OperatorJourneysIT::rabbitDeadLettersListed);
        long started = System.nanoTime();
        focusTheWindow();
        onFx(() -> {                                                                      // 1: its name in the tree
            var tree = robot.lookup("#navigation-tree").queryAs(NavigationTree.class);
            tree.getSelectionModel().select(tree.getRoot().getChildren().get(1));
            return null;
        });
        chord(KeyCode.DIGIT5);                                                            // 2
        DeadLetterInboxView inbox = await().atMost(Duration.ofSeconds(60)).until(() -> onFx(() ->
                robot.lookup("#dead-letter-inbox").queryAllAs(DeadLetterInboxView.class).stream()
                        .filter(view -> view.isVisible() && view.getScene() != null
                                && view.model().profile().kind() == dev.flowdeck.core.broker.BrokerKind.RABBITMQ)
                        .findFirst().orElse(null)), found -> found != null);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(onFx(() -> !inbox.model().runningProperty().get()
                        && inbox.model().selectedGroupProperty().get() != null))
                        .as("a group chosen once the scan ended; the inbox says '%s' (%s) on %s",
                                onFx(() -> inbox.model().statusProperty().get()),
                                onFx(() -> inbox.model().errorProperty().get()),
                                onFx(() -> inbox.model().selectedDestinationProperty().get()))
                        .isTrue());
        String queue = onFx(() -> inbox.model().selectedDestinationProperty().get().name());
        assertThat(onFx(() -> inbox.model().groups().stream().map(group -> group.sample().failure().reason())
                .flatMap(java.util.Optional::stream).toList()))
                .as("grouped by the reason x-death gives").isNotEmpty();
        camera.shoot(scene(), "4-rabbitmq-dead-letters-grouped-by-reason");
        await().atMost(Duration.ofSeconds(60)).until(() -> onFx(() -> {                  // 3: as in journey 3
            if (inbox.model().runningProperty().get() || inbox.model().selectedGroupProperty().get() == null) {
                return false;
            }
            ((javafx.scene.control.ButtonBase) inbox.lookup("#dead-letter-replay")).fire();
            return true;
        }));
        await().atMost(Duration.ofSeconds(60)).until(() -> onFx(() -> robot.lookup("#replay-summary").tryQuery()
                .map(label -> !((Label) label).getText().isEmpty()).orElse(false)));
        onFx(() -> {                                                                      // 4: "Move"
            robot.lookup("#replay-move").queryAs(javafx.scene.control.RadioButton.class).fire();
            return null;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> onFx(() -> robot.lookup("#replay-summary")
                .queryAs(Label.class).getText().startsWith("Move ")));
        camera.shoot(robot.lookup("#replay-summary").query().getScene(), "4-moved-back-to-their-exchange-dry-run");
        fire("#replay-start");                                                            // 5
        await().atMost(Duration.ofSeconds(120)).until(() -> onFx(() -> robot.lookup("#replay-progress-text")
                .queryAs(Label.class).getText().startsWith("Done: ")));
        String done = onFx(() -> robot.lookup("#replay-progress-text").queryAs(Label.class).getText());
        assertThat(done).as("from %s", queue).matches("Done: [1-9]\\d* delivered, .* 0 failed, .*");
        camera.shoot(robot.lookup("#replay-summary").query().getScene(), "4-moved");
        fire("#replay-close");
        camera.note("4. RabbitMQ dead letters after a bad deploy.", 5, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Both themes at 1280×800, the size the journeys issue asks to stay readable at: a light window is mostly light
     * and a dark one mostly dark (a theme whose stylesheet failed to load would leave both the same), pictured; and
     * the light one drawn at twice the pixels, as a HiDPI screen shows it (no such screen here: JavaFX scales by
     * the OS's factor, and the picture is the evidence that nothing is drawn as a bitmap that would blur).
     */
    @Test
    @Order(5)
    void bothThemesAt1280By800() throws Exception {
        var stage = (javafx.stage.Stage) scene().getWindow();
        onFx(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
            return null;
        });
        double[] brightness = new double[2];
        for (int i = 0; i < 2; i++) {
            focusTheWindow();
            chord(KeyCode.DIGIT1);
            String theme = onFx(() -> javafx.application.Application.getUserAgentStylesheet()).contains("dark")
                    ? "dark" : "light";
            brightness[i] = camera.shoot(scene(), "theme-" + theme + "-1280x800");
            if (theme.equals("light")) {
                assertThat(camera.shoot(scene(), "theme-light-1280x800-at-2x", 2)).as("the same window at 2x")
                        .isCloseTo(brightness[i], org.assertj.core.data.Offset.offset(0.05));
            }
            assertThat(brightness[i]).as(theme).isLessThan(theme.equals("dark") ? 0.35 : 1.0)
                    .isGreaterThan(theme.equals("dark") ? 0.0 : 0.65);
            fire("#theme-toggle");
        }
        assertThat(Math.abs(brightness[0] - brightness[1])).as("the two themes differ").isGreaterThan(0.3);
    }

    private static void fire(String id) throws Exception {
        onFx(() -> {
            robot.lookup(id).queryAs(javafx.scene.control.ButtonBase.class).fire();
            return null;
        });
    }

    /**
     * The key of an order the payment service dead-lettered: what the operator was told by the support desk. Null
     * while there is none yet (a fresh shop dead-letters a few percent of its orders).
     */
    private static String anOrderPaymentFailedOn() {
        var properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaAddress);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            String topic = ShopTopology.deadLetterTopic(ShopTopology.ORDERS);
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // A new consumer's first polls may return nothing while it finds the leaders: poll until the end.
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null) {
                        return new String(record.key(), StandardCharsets.UTF_8);
                    }
                }
            }
            return null;
        }
    }

    /** Some dead-letter queue of the RabbitMQ sandbox is listed with messages in it. */
    private static boolean rabbitDeadLettersListed() throws Exception {
        return onFx(() -> {
            var clusters = robot.lookup("#navigation-tree").queryAs(NavigationTree.class).getRoot().getChildren();
            return clusters.size() > 1 && clusters.get(1).getChildren().stream()
                    .flatMap(vhost -> vhost.getChildren().stream())
                    .map(javafx.scene.control.TreeItem::getValue)
                    .filter(NavigationTree.Item.class::isInstance)
                    .map(item -> ((NavigationTree.Item) item).destination())
                    .anyMatch(queue -> queue.name().endsWith(".dlq") && queue.messageCount() > 0);
        });
    }

    private static String kafkaAddress() throws Exception {
        return onFx(() -> {
            var tree = robot.lookup("#navigation-tree").<NavigationTree>queryAs(NavigationTree.class);
            if (tree.getSelectionModel().getSelectedItem() == null) {
                tree.getSelectionModel().select(tree.getRoot().getChildren().getFirst());
            }
            String text = robot.lookup("#status-address").queryAs(Label.class).getText();
            return text.startsWith("127.0.0.1:") ? text : null;
        });
    }

    /**
     * Ctrl (⌘ on macOS) with {@code key}, as the window receives it: dispatched to the focused node, so it bubbles
     * through the scene to its accelerators. (The robot's own key presses did not reach the app's window under the
     * headless platform while lag notifications came and went.)
     */
    private static void chord(KeyCode key) throws Exception {
        boolean mac = System.getProperty("os.name").startsWith("Mac");
        dispatch(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", key, false, !mac, false, mac));
    }

    private static void press(KeyCode key) throws Exception {
        dispatch(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", key, false, false, false, false));
    }

    /** Types into the focused field, as keystrokes would. */
    private static void type(String text) throws Exception {
        onFx(() -> {
            ((javafx.scene.control.TextInputControl) focusOwner()).replaceSelection(text);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void dispatch(KeyEvent event) throws Exception {
        onFx(() -> {
            javafx.scene.Node focused = focusOwner();
            focused.fireEvent(event.copyFor(focused, focused));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Where the keyboard is: the palette's field while the palette is open, else the window's focused node. */
    private static javafx.scene.Node focusOwner() {
        return javafx.stage.Window.getWindows().stream().filter(javafx.stage.Window::isShowing)
                .filter(window -> window instanceof javafx.stage.Popup && window.getScene().getFocusOwner() != null
                        && window.getScene().getFocusOwner().getId() != null)
                .map(window -> window.getScene().getFocusOwner()).findFirst()
                .orElseGet(() -> {
                    Scene main = robot.lookup("#main-window").query().getScene();
                    return main.getFocusOwner() != null ? main.getFocusOwner() : main.getRoot();
                });
    }

    /** The window the operator is looking at has the keyboard (a notification may have taken it). */
    private static void focusTheWindow() throws Exception {
        onFx(() -> {
            var stage = (javafx.stage.Stage) robot.lookup("#main-window").query().getScene().getWindow();
            stage.toFront();
            stage.requestFocus();
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> onFx(() ->
                robot.lookup("#main-window").query().getScene().getWindow().isFocused()));
    }

    private static void awaitFocused(String id) {
        await().atMost(Duration.ofSeconds(10)).until(() -> onFx(() -> id.equals("#" + focusOwner().getId())));
    }

    private static String selectedTab() throws Exception {
        return onFx(() -> robot.lookup("#view-tabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem()
                .getId());
    }

    private static Scene scene() throws Exception {
        return onFx(() -> robot.lookup("#main-window").query().getScene());
    }

}
