package dev.flowdeck.views.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.KeptMessage;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.decode.DecodedValue;
import dev.flowdeck.core.decode.SchemaAccess;
import dev.flowdeck.core.decode.ValueDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A topic of Protobuf values whose subject gains a version while its browser is open, on JavaFX's headless platform:
 * the Schema tab's Refresh reads the versions again, a record of a schema id not seen yet reads them for every record
 * of that subject, both off the FX thread, a failure is a sentence; and Produce starts from the message type the
 * selected record was written as. The registry is scripted (the schemas module tests the real client against a
 * registry stand-in).
 */
@ExtendWith(ApplicationExtension.class)
class SchemaRefreshViewTest {

    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    /** Two records of schema id 7 (payments-value v2) and one of id 12, registered later as v4. */
    private static final byte[] OF_7 = {0, 0, 0, 0, 7, 2, 2, 'x'};
    private static final byte[] OF_12 = {0, 0, 0, 0, 12, 2, 2, 'y'};

    private final ScriptedConnection connection = new ScriptedConnection();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService background = Executors.newFixedThreadPool(2);
    private final Registry registry = new Registry();
    private BrowserViewModel browser;

    /** payments-value's versions as the registry has them now; schema id 7 is v2, id 12 is v4. */
    static final class Registry implements SchemaAccess {
        volatile List<Integer> versions = List.of(1, 2, 3);
        volatile RuntimeException down;
        final AtomicInteger asked = new AtomicInteger();
        final List<Boolean> askedOnFx = new CopyOnWriteArrayList<>();
        final List<SchemaChoice> encoded = new CopyOnWriteArrayList<>();

        @Override
        public String formatOf(String topic) {
            return "auto";
        }

        @Override
        public CompletionStage<ValueDecoder> useFormat(String topic, String format) {
            return CompletableFuture.completedFuture(decoder());
        }

        @Override
        public ValueDecoder decoder() {
            return (topic, value) -> {
                int id = value[4];
                return DecodedValue.read("Protobuf", id, "payments-value v" + (id == 7 ? 2 : 4),
                        "syntax = \"proto3\";", "{\"payment_id\":\"p-1\"}".getBytes(StandardCharsets.UTF_8))
                        .withMessageType("shop.Refund");
            };
        }

        @Override
        public String descriptorSet() {
            return "";
        }

        @Override
        public CompletionStage<ValueDecoder> useDescriptorSet(String path) {
            return CompletableFuture.completedFuture(decoder());
        }

        @Override
        public boolean hasRegistry() {
            return true;
        }

        @Override
        public SchemaVersions versionsOf(int schemaId) {
            asked.incrementAndGet();
            askedOnFx.add(Platform.isFxApplicationThread());
            RuntimeException failure = down;
            if (failure != null) {
                throw failure;
            }
            return new SchemaVersions(schemaId, List.of(new SubjectVersions("payments-value", schemaId == 7 ? 2 : 4,
                    versions)));
        }

        @Override
        public SchemaVersion version(String subject, int version) {
            return new SchemaVersion(subject, version, version == 4 ? 12 : 4 + version, "Protobuf",
                    "syntax = \"proto3\"; // v" + version);
        }

        @Override
        public Encoded encode(String topic, SchemaChoice choice, byte[] json) {
            encoded.add(choice);
            return new Encoded(OF_7, 7, "Protobuf");
        }
    }

    @Start
    void start(Stage stage) {
        ValueDecoder decoder = registry.decoder();
        List<BrowsedMessage> messages = new ArrayList<>();
        long offset = 0;
        for (byte[] value : List.of(OF_7, OF_7, OF_12)) {
            messages.add(new BrowsedMessage("payments", 0, offset++, NOW, null, value, List.of())
                    .withDecoded(decoder.decode("payments", value)));
        }
        connection.script = List.of(new MessageBatch(messages, 3, 3, 3));
        browser = new BrowserViewModel(connection, "payments", true, Platform::runLater, background, timer,
                Clock.fixed(NOW, ZoneOffset.UTC));
        browser.useSchemas(registry);
        stage.setScene(new Scene(new DestinationView(browser, true, traceId -> { }, Optional.empty()), 1200, 800));
        stage.show();
    }

    @AfterEach
    void stop() {
        timer.shutdownNow();
        background.shutdownNow();
    }

    @Test
    void refreshShowsAVersionRegisteredWhileTheTabIsOpen(FxRobot robot) throws Exception {
        TableView<KeptMessage> table = scan(robot);
        select(table, 0);
        awaitVersions(robot, "payments-value v1", "payments-value v2  (this record)", "payments-value v3");
        registry.versions = List.of(1, 2, 3, 4); // registered by someone else meanwhile

        select(table, 1); // the same schema id: read from what the tab knows, not asked again
        awaitVersions(robot, "payments-value v1", "payments-value v2  (this record)", "payments-value v3");
        assertThat(registry.asked).hasValue(1);

        Button refresh = robot.lookup("#schema-refresh").queryButton();
        assertThat(onFx(() -> refresh.isDisabled())).isFalse();
        onFx(() -> {
            refresh.fire();
            return null;
        });

        awaitVersions(robot, "payments-value v1", "payments-value v2  (this record)", "payments-value v3",
                "payments-value v4");
        assertThat(onFx(() -> status(robot))).isEqualTo("payments-value: this record uses version 2 of 4 (the "
                + "latest is 4).");
        assertThat(registry.asked).hasValue(2);
        assertThat(registry.askedOnFx).containsOnly(false);
        assertThat(onFx(() -> robot.lookup("#schema-summary").queryAs(Label.class).getText()))
                .isEqualTo("Protobuf shop.Refund schema id 7, filed as payments-value v2");
    }

    @Test
    void aRecordOfASchemaIdNotSeenYetReadsTheVersionsAgainForEveryRecordOfItsSubject(FxRobot robot)
            throws Exception {
        TableView<KeptMessage> table = scan(robot);
        select(table, 0);
        awaitVersions(robot, "payments-value v1", "payments-value v2  (this record)", "payments-value v3");
        registry.versions = List.of(1, 2, 3, 4);

        select(table, 2); // schema id 12: v4, registered after the tab read the versions
        awaitVersions(robot, "payments-value v1", "payments-value v2", "payments-value v3",
                "payments-value v4  (this record)");
        assertThat(onFx(() -> status(robot))).isEqualTo("payments-value: this record uses version 4 of 4 (the "
                + "latest).");

        select(table, 0); // back to schema id 7: its subject's list is the newer one, without asking again
        awaitVersions(robot, "payments-value v1", "payments-value v2  (this record)", "payments-value v3",
                "payments-value v4");
        assertThat(registry.asked).hasValue(2);
        assertThat(registry.askedOnFx).containsOnly(false);
    }

    @Test
    void aRefreshThatFailsSaysSoInASentenceAndKeepsTheVersionsListed(FxRobot robot) throws Exception {
        TableView<KeptMessage> table = scan(robot);
        select(table, 0);
        awaitVersions(robot, "payments-value v1", "payments-value v2  (this record)", "payments-value v3");
        registry.down = new IllegalArgumentException("The schema registry at http://registry:8081 could not be "
                + "reached (connection refused): check its URL (flowdeck.schema.registry.url) and that it runs.");

        onFx(() -> {
            robot.lookup("#schema-refresh").queryButton().fire();
            return null;
        });

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(onFx(() -> status(robot)))
                .isEqualTo("The versions could not be read: The schema registry at http://registry:8081 could not "
                        + "be reached (connection refused): check its URL (flowdeck.schema.registry.url) and that "
                        + "it runs."));
        awaitVersions(robot, "payments-value v1", "payments-value v2  (this record)", "payments-value v3");
        assertThat(onFx(() -> robot.lookup("#schema-refresh").queryButton().isDisabled())).as("try again")
                .isFalse();
    }

    @Test
    void produceStartsFromTheMessageTypeTheSelectedRecordWasWrittenAs(FxRobot robot) throws Exception {
        TableView<KeptMessage> table = scan(robot);
        select(table, 0);
        onFx(() -> {
            robot.lookup("#produce-button").queryButton().fire();
            return null;
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#produce-message-type").tryQuery()
                .isPresent());
        TextField type = robot.lookup("#produce-message-type").queryAs(TextField.class);
        assertThat(onFx(() -> type.getText())).isEqualTo("shop.Refund");

        onFx(() -> {
            robot.lookup("#produce-send").queryButton().fire();
            return null;
        });

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(registry.encoded)
                .containsExactly(SchemaAccess.SchemaChoice.id(7).withMessageType("shop.Refund")));
    }

    private TableView<KeptMessage> scan(FxRobot robot) throws Exception {
        onFx(() -> {
            browser.start();
            return null;
        });
        TableView<KeptMessage> table = robot.lookup("#message-table").queryTableView();
        await().atMost(Duration.ofSeconds(20)).until(() -> onFx(() -> table.getItems().size() == 3
                && !browser.scanningProperty().get()));
        return table;
    }

    private void select(TableView<KeptMessage> table, int row) throws Exception {
        onFx(() -> {
            table.getSelectionModel().clearAndSelect(row);
            return null;
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> onFx(() -> browser.inspectionProperty().get() != null
                && browser.inspectionProperty().get().row() == table.getItems().get(row)));
    }

    private static void awaitVersions(FxRobot robot, String... shown) {
        @SuppressWarnings("unchecked")
        ListView<SchemaPane.VersionItem> versions = robot.lookup("#schema-versions").queryAs(ListView.class);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(onFx(() -> versions.getItems()
                .stream().map(Object::toString).toList())).containsExactly(shown));
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#schema-status").queryAs(Label.class).getText();
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
    }
}
