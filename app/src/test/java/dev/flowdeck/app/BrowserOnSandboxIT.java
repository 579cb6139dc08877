package dev.flowdeck.app;

import static dev.flowdeck.app.AppTestSupport.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.core.browse.KeptMessage;
import dev.flowdeck.core.browse.StartPosition;
import dev.flowdeck.core.decode.PayloadText;
import dev.flowdeck.sandbox.ShopTopology;
import dev.flowdeck.sandbox.rabbit.RabbitInstallation;
import dev.flowdeck.views.browser.DestinationView;
import dev.flowdeck.views.deadletter.DeadLetterInboxView;
import dev.flowdeck.views.browser.Position;
import dev.flowdeck.views.cluster.NavigationTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The message browser in the real app on the sandbox: a destination opened from the tree, scanned, filtered, a
 * message inspected and one produced, on Kafka and RabbitMQ. The scan bar's fields are set as the operator's typing
 * would set them; buttons are fired (robot clicks on a loaded machine land on whatever moved under them).
 */
class BrowserOnSandboxIT {

    private static final FxRobot robot = new FxRobot();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Application app;
    private static Path configDir;

    @BeforeAll
    static void openApp() throws Exception {
        configDir = AppTestSupport.temporaryConfigDirectory();
        FxToolkit.registerPrimaryStage();
        RabbitInstallation.findOrInstall();
        app = FxToolkit.setupApplication(FlowdeckApp.class, "--sandbox", "--orders-per-second", "40");
    }

    @AfterAll
    static void closeApp() throws Exception {
        FxToolkit.cleanupApplication(app);
        AppTestSupport.deleteConfigDirectory(configDir);
    }

    @Test
    void scansTheLastOrdersInspectsOneAndFollowsItsTrace() throws Exception {
        DestinationView view = open(0, ShopTopology.ORDERS, 200);

        onFx(() -> {
            view.browser().form().positionProperty().set(Position.LAST_N);
            view.browser().form().positionValueProperty().set("100");
            return fire(view, "#scan-start");
        });

        awaitDone(view);
        assertThat(onFx(() -> view.browser().rows().size()))
                .as(describe(view)).isEqualTo(100);
        assertThat(onFx(() -> text(view, "#scan-status"))).startsWith("Done. 100 scanned, 100 messages in ");

        // Select a row as the arrow keys would: the detail pane decodes it off the FX thread.
        onFx(() -> {
            table(view).getSelectionModel().select(0);
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(onFx(() -> text(view, "#detail-coordinates"))).startsWith("orders · partition "));
        String value = onFx(() -> ((TextArea) view.lookup("#detail-value")).getText());
        assertThat(JSON.readTree(value).path("type").asText()).isEqualTo("OrderPlaced");
        assertThat(value).contains("\n  \"orderId\": "); // pretty-printed
        Hyperlink trace = onFx(() -> (Hyperlink) view.lookup("#detail-trace"));
        assertThat(onFx(trace::isVisible)).isTrue();
        assertThat(onFx(trace::getText)).matches("trace [0-9a-f]{32}");
        assertThat(onFx(() -> ((TableView<?>) view.lookup("#detail-headers")).getItems()))
                .extracting(Object::toString).anySatisfy(field -> assertThat(field).contains("correlation-id"));
    }

    @Test
    void aJsonPathSearchFromTheBeginningKeepsOnlyMatches() throws Exception {
        DestinationView view = open(0, ShopTopology.ORDERS, 200);

        onFx(() -> {
            view.browser().form().positionProperty().set(Position.BEGINNING);
            var field = (TextField) view.lookup("#filter-jsonpath");
            field.setText("$.amount > 100");
            // Enter in a filter field scans, as the operator would start it.
            field.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false));
            return null;
        });

        awaitDone(view);
        List<KeptMessage> rows = onFx(() -> List.copyOf(view.browser().rows()));
        assertThat(rows).as(describe(view)).isNotEmpty().allSatisfy(row ->
                assertThat(JSON.readTree(row.message().value()).path("amount").decimalValue())
                        .isGreaterThan(java.math.BigDecimal.valueOf(100)));
        var progress = onFx(() -> view.browser().progressProperty().get());
        assertThat(progress.scanned()).isGreaterThan(progress.matched()).isGreaterThanOrEqualTo(200);
        assertThat(onFx(() -> text(view, "#scan-status"))).contains(" matches in ");
    }

    @Test
    void aKeySearchReadsOnePartitionAndSaysSo() throws Exception {
        DestinationView view = open(0, ShopTopology.ORDERS, 200);
        onFx(() -> {
            view.browser().form().positionProperty().set(Position.LAST_N);
            view.browser().form().positionValueProperty().set("1");
            return fire(view, "#scan-start");
        });
        awaitDone(view);
        KeptMessage one = onFx(() -> view.browser().rows().getFirst());
        String key = new String(one.message().key(), StandardCharsets.UTF_8);

        onFx(() -> {
            view.browser().form().positionProperty().set(Position.BEGINNING);
            ((TextField) view.lookup("#filter-key")).setText(key);
            return fire(view, "#scan-start");
        });

        awaitDone(view);
        assertThat(onFx(() -> List.copyOf(view.browser().rows()))).as(describe(view)).isNotEmpty()
                .allSatisfy(row -> {
            assertThat(row.message().partition()).isEqualTo(one.message().partition());
            assertThat(PayloadText.text(row.message().key())).isEqualTo(key);
        });
        assertThat(onFx(() -> text(view, "#scan-notes"))).contains("partition " + one.message().partition());
    }

    @Test
    void producesAMessageThatTheNextScanFinds() throws Exception {
        DestinationView view = open(0, ShopTopology.ORDERS, 1);

        onFx(() -> fire(view, "#produce-button"));
        DialogPane dialog = awaitShowing("#produce-dialog");
        onFx(() -> {
            ((TextField) dialog.lookup("#produce-key")).setText("flowdeck-test-key");
            ((TextArea) dialog.lookup("#produce-value")).setText("{\"type\":\"Probe\",\"amount\":1}");
            ((TextArea) dialog.lookup("#produce-headers")).setText("origin: browser-it");
            ((Button) dialog.lookup("#produce-send")).fire();
            return null;
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(onFx(() -> ((Label) dialog.lookup("#produce-verdict")).getText()))
                        .matches("Sent to partition \\d+ at offset \\d+\\."));
        onFx(() -> {
            dialog.getScene().getWindow().hide();
            return null;
        });

        onFx(() -> {
            view.browser().form().positionProperty().set(Position.BEGINNING);
            ((TextField) view.lookup("#filter-header")).setText("origin=browser-it");
            return fire(view, "#scan-start");
        });
        awaitDone(view);
        assertThat(onFx(() -> List.copyOf(view.browser().rows()))).as(describe(view)).singleElement()
                .satisfies(row -> assertThat(PayloadText.text(row.message().key())).isEqualTo("flowdeck-test-key"));
    }

    @Test
    void aRabbitStreamIsReadAndARiskyQueueIsRefusedInPlainWords() throws Exception {
        DestinationView stream = open(1, "audit.log", 5);
        onFx(() -> {
            // The last 30 s: as much to read whenever this test runs, however long the shop has been busy.
            stream.browser().form().positionProperty().set(Position.TIME);
            stream.browser().form().positionValueProperty().set("30s");
            return fire(stream, "#scan-start");
        });
        // The shop appends to audit.log all the time, yet a stream read that does not follow ends: where the
        // stream ended when the read began.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(onFx(() -> text(stream, "#scan-status"))).as(describe(stream)).startsWith("Done. "));
        assertThat(onFx(() -> stream.browser().rows().size())).isGreaterThanOrEqualTo(5);
        assertThat(onFx(() -> text(stream, "#scan-error"))).isEmpty();
        assertThat(onFx(() -> stream.browser().lastRequest().orElseThrow().start()))
                .isInstanceOf(StartPosition.Timestamp.class);

        // email.outbox has a message TTL: a browse holds messages while they age, so it is refused, in words.
        DestinationView ttl = open(1, "email.outbox", 0);
        onFx(() -> fire(ttl, "#scan-start"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(onFx(() -> text(ttl, "#scan-error")))
                        .startsWith("Flowdeck will not browse queue 'email.outbox': its messages expire"));
        assertThat(onFx(() -> ttl.browser().scanningProperty().get())).isFalse();
    }

    @Test
    void aDeadLetterCauseIsReplayedBackToItsTopicFromTheInbox() throws Exception {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> onFx(() -> {
            TreeItem<NavigationTree.Entry> item = find(0, "orders-dlt");
            return item != null && ((NavigationTree.Item) item.getValue()).destination().messageCount() > 0;
        }));
        DeadLetterInboxView inbox = onFx(() -> {
            var tabs = robot.lookup("#view-tabs").queryAs(TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream()
                    .filter(tab -> "dead-letters-tab".equals(tab.getId())).findFirst().orElseThrow());
            return robot.lookup("#dead-letter-inbox").queryAs(DeadLetterInboxView.class);
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> onFx(() -> inbox.model().destinations().stream()
                .anyMatch(destination -> destination.name().equals("orders-dlt"))));
        onFx(() -> {
            inbox.model().selectedDestinationProperty().set(inbox.model().destinations().stream()
                    .filter(destination -> destination.name().equals("orders-dlt")).findFirst().orElseThrow());
            return null;
        });
        // The tab's own listing may read the destination again after the choice above: the cause is chosen and
        // replayed in one FX task once a read has ended with groups, so no later read can empty them in between.
        long count = await().atMost(Duration.ofSeconds(60)).until(() -> onFx(() -> {
            if (inbox.model().runningProperty().get() || inbox.model().groups().isEmpty()) {
                return -1L;
            }
            inbox.model().selectedGroupProperty().set(inbox.model().groups().getFirst());
            ((Button) inbox.lookup("#dead-letter-replay")).fire();
            return inbox.model().groups().getFirst().count();
        }), chosen -> chosen >= 0);
        await().atMost(Duration.ofSeconds(60)).until(() -> onFx(() -> robot.lookup("#replay-summary").tryQuery()
                .map(label -> ((Label) label).getText().startsWith("Copy ")).orElse(false)));
        assertThat(onFx(() -> robot.lookup("#replay-dry-run").queryAs(TextArea.class).getText()))
                .contains("→ orders, partition ", "+ header flowdeck-replay-id: ");
        onFx(() -> {
            robot.lookup("#replay-start").queryButton().fire();
            return null;
        });

        await().atMost(Duration.ofSeconds(90)).until(() -> onFx(() -> robot.lookup("#replay-progress-text")
                .queryAs(Label.class).getText().startsWith("Done: ")));
        // The dialog reads the cause again when it opens: the live shop may have dead-lettered more of it since.
        String done = onFx(() -> robot.lookup("#replay-progress-text").queryAs(Label.class).getText());
        var delivered = java.util.regex.Pattern.compile("Done: (\\d+) delivered, 0 already there, 0 failed, "
                + "0 held back, 0 refused as already replayed, 0 not sent\\.").matcher(done);
        assertThat(delivered.matches()).as(done).isTrue();
        assertThat(Long.parseLong(delivered.group(1))).isGreaterThanOrEqualTo(count);
        onFx(() -> {
            robot.lookup("#replay-close").queryButton().fire();
            return null;
        });
    }

    /**
     * Opens a destination the way an operator does (Enter on its row in the tree) once it holds {@code atLeast}
     * messages, and returns its browser tab's view.
     */
    private static DestinationView open(int profileIndex, String name, long atLeast) throws Exception {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> onFx(() -> {
            TreeItem<NavigationTree.Entry> item = find(profileIndex, name);
            return item != null && ((NavigationTree.Item) item.getValue()).destination().messageCount() >= atLeast;
        }));
        return onFx(() -> {
            // Each test starts from a fresh browser: a tab left open by another test keeps its filters.
            var tabs = robot.lookup("#view-tabs").queryAs(TabPane.class);
            tabs.getTabs().removeIf(tab -> {
                boolean stale = ("browse-" + name).equals(tab.getId());
                if (stale) {
                    ((DestinationView) tab.getContent()).close();
                }
                return stale;
            });
            var tree = tree();
            tree.getSelectionModel().select(find(profileIndex, name));
            tree.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false));
            var tab = tabs.getSelectionModel().getSelectedItem();
            assertThat(tab.getText()).isEqualTo(name);
            return (DestinationView) tab.getContent();
        });
    }

    private static TreeItem<NavigationTree.Entry> find(int profileIndex, String name) {
        var profiles = tree().getRoot().getChildren();
        if (profiles.size() <= profileIndex) {
            return null;
        }
        var pending = new java.util.ArrayDeque<>(profiles.get(profileIndex).getChildren());
        while (!pending.isEmpty()) {
            var item = pending.pop();
            if (item.getValue() instanceof NavigationTree.Item entry && entry.destination().name().equals(name)) {
                return item;
            }
            pending.addAll(item.getChildren());
        }
        return null;
    }

    private static NavigationTree tree() {
        return robot.lookup("#navigation-tree").queryAs(NavigationTree.class);
    }

    private static Void fire(Node view, String id) {
        ((Button) view.lookup(id)).fire();
        return null;
    }

    /** What the browser says about its last scan, for a failed assertion's message. */
    private static String describe(DestinationView view) throws Exception {
        return onFx(() -> "status '" + text(view, "#scan-status") + "', notes '" + text(view, "#scan-notes")
                + "', error '" + text(view, "#scan-error") + "', " + view.browser().progressProperty().get());
    }

    private static TableView<?> table(DestinationView view) {
        return (TableView<?>) view.lookup("#message-table");
    }

    private static String text(Node view, String id) {
        return ((Label) view.lookup(id)).getText();
    }

    private static void awaitDone(DestinationView view) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                onFx(() -> !view.browser().scanningProperty().get()
                        && !view.browser().statusProperty().get().isEmpty()));
        try {
            assertThat(onFx(() -> text(view, "#scan-error"))).isEmpty();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static DialogPane awaitShowing(String id) {
        await().atMost(Duration.ofSeconds(10)).until(() -> onFx(() -> robot.lookup(id).tryQuery()
                .map(node -> node.getScene() != null && node.getScene().getWindow().isShowing()).orElse(false)));
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(id).queryAs(DialogPane.class);
    }
}
