package dev.flowdeck.views.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.KeptMessage;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.decode.DecodedValue;
import dev.flowdeck.core.decode.SchemaAccess;
import dev.flowdeck.core.decode.ValueDecoder;
import dev.flowdeck.core.publish.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A topic's browser with schemas, on JavaFX's headless platform: "Decode as" reads the kept rows again at once and
 * saves the choice, the Schema tab lists the subject's versions and marks this record's, a value that does not
 * match its schema says so and is counted, and Produce encodes the JSON in the chosen schema or refuses it. The
 * connection and the schemas are scripted (the schemas module's own tests use a registry stand-in); controls are
 * driven on the FX thread.
 */
@ExtendWith(ApplicationExtension.class)
class SchemaViewTest {

    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    private static final byte[] FRAMED = {0, 0, 0, 0, 7, 2, 'x'};

    private final ScriptedConnection connection = new ScriptedConnection();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    /** The app's broker I/O pool stands here: what reads files and registries must not run on the FX thread. */
    private final java.util.concurrent.ExecutorService background = Executors.newFixedThreadPool(2);
    private final ScriptedSchemas schemas = new ScriptedSchemas();
    private BrowserViewModel browser;

    /** Reads framed values as Avro id 7 (v2 of payments-value) unless the topic is set to something else. */
    static final class ScriptedSchemas implements SchemaAccess {
        volatile String format = "auto";
        final List<String> saved = new CopyOnWriteArrayList<>();
        final List<SchemaChoice> encoded = new CopyOnWriteArrayList<>();
        volatile String descriptors = "";
        volatile Boolean descriptorsReadOnFx;

        @Override
        public String formatOf(String topic) {
            return format;
        }

        @Override
        public CompletionStage<ValueDecoder> useFormat(String topic, String chosen) {
            format = chosen;
            saved.add(topic + "=" + chosen);
            return CompletableFuture.completedFuture(decoder());
        }

        @Override
        public ValueDecoder decoder() {
            String now = format;
            return (topic, value) -> now.equals("binary") || value == null || value[0] != 0 ? null
                    : DecodedValue.read("Avro", 7, "payments-value v2", "{\"type\":\"record\",\"name\":\"Payment\","
                    + "\"fields\":[]}", "{\"id\":\"p-1\"}".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String descriptorSet() {
            return descriptors;
        }

        @Override
        public CompletionStage<ValueDecoder> useDescriptorSet(String path) {
            descriptorsReadOnFx = Platform.isFxApplicationThread(); // the file is read here
            if (path.endsWith(".txt")) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("The file " + path + " is not a "
                        + "Protobuf descriptor set."));
            }
            descriptors = path;
            return CompletableFuture.completedFuture(decoder());
        }

        @Override
        public boolean hasRegistry() {
            return true;
        }

        @Override
        public SchemaVersions versionsOf(int schemaId) {
            return new SchemaVersions(schemaId, List.of(new SubjectVersions("payments-value", 2, List.of(1, 2, 3))));
        }

        @Override
        public SchemaVersion version(String subject, int version) {
            return new SchemaVersion(subject, version, 4 + version, "Avro",
                    "{\"type\":\"record\",\"name\":\"PaymentV" + version + "\",\"fields\":[]}");
        }

        @Override
        public Encoded encode(String topic, SchemaChoice choice, byte[] json) {
            encoded.add(choice);
            if (!new String(json, StandardCharsets.UTF_8).contains("\"id\"")) {
                throw new IllegalArgumentException("The value does not fit Avro schema 7 at $.id: it needs a string, "
                        + "found nothing. Nothing was sent.");
            }
            return new Encoded(new byte[] {0, 0, 0, 0, 7, 4, 'p', '2'}, 7, "Avro");
        }
    }

    @Start
    void start(Stage stage) {
        var read = schemas.decoder().decode("payments", FRAMED);
        var matching = new BrowsedMessage("payments", 0, 1, NOW, null, FRAMED, List.of()).withDecoded(read);
        var breaking = new BrowsedMessage("payments", 0, 2, NOW, null, FRAMED, List.of()).withDecoded(
                read.withMismatch("it carries field Payment #17 that schema 7 does not declare."));
        connection.script = List.of(new MessageBatch(List.of(matching, breaking), 2, 2, 2));
        browser = new BrowserViewModel(connection, "payments", true, Platform::runLater, background, timer,
                Clock.fixed(NOW, ZoneOffset.UTC));
        browser.useSchemas(schemas);
        var view = new DestinationView(browser, true, traceId -> { }, Optional.empty());
        stage.setScene(new Scene(view, 1200, 800));
        stage.show();
    }

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
        background.shutdownNow();
    }

    private TableView<KeptMessage> scanAndSelect(FxRobot robot, int row) throws Exception {
        onFx(() -> {
            browser.start();
            return null;
        });
        TableView<KeptMessage> table = robot.lookup("#message-table").queryTableView();
        await().atMost(Duration.ofSeconds(20)).until(() -> onFx(() -> table.getItems().size() == 2
                && !browser.scanningProperty().get()));
        select(table, row);
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

    @Test
    void decodeAsReadsTheKeptRowsAgainAtOnceAndSavesTheChoice(FxRobot robot) throws Exception {
        TableView<KeptMessage> table = scanAndSelect(robot, 0);
        assertThat(onFx(() -> robot.lookup("#detail-value").queryAs(TextArea.class).getText())).contains("p-1");

        @SuppressWarnings("unchecked")
        ComboBox<DestinationView.DecodeChoice> choice = robot.lookup("#decode-as").queryAs(ComboBox.class);
        assertThat(onFx(() -> choice.getValue())).isEqualTo(DestinationView.DecodeChoice.AUTO);
        onFx(() -> {
            choice.setValue(DestinationView.DecodeChoice.HEX);
            return null;
        });

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(onFx(() -> table.getItems().stream().map(row -> row.message().decoded()).toList()))
                    .containsOnlyNulls(); // read again as their bytes: nothing asked of a registry
            assertThat(onFx(() -> robot.lookup("#detail-value").queryAs(TextArea.class).getText()))
                    .startsWith("(binary value of 7 B");
        });
        assertThat(schemas.saved).containsExactly("payments=binary");
        assertThat(onFx(() -> table.getSelectionModel().getSelectedIndex())).as("the row stays selected")
                .isZero();
        assertThat(onFx(() -> table.getItems().getFirst().message().value())).as("rows keep their raw bytes")
                .isEqualTo(FRAMED);
        assertThat(onFx(() -> robot.lookup("#decode-status").queryAs(Label.class).getText()))
                .isEqualTo("payments is read as binary: 2 rows read again.");

        onFx(() -> {
            choice.setValue(DestinationView.DecodeChoice.PROTOBUF);
            return null;
        });
        TextField type = robot.lookup("#decode-as-type").queryAs(TextField.class);
        assertThat(onFx(() -> type.isVisible())).isTrue();
        onFx(() -> {
            type.setText("shop.Payment");
            type.fireEvent(new javafx.event.ActionEvent());
            return null;
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(schemas.saved)
                .endsWith("payments=protobuf:shop.Payment"));
        assertThat(onFx(() -> browser.decodeAsProperty().get())).isEqualTo("protobuf:shop.Payment");
    }

    @Test
    void aDescriptorSetIsReadOffTheFxThreadAndARefusedOneLeavesTheRowsAlone(FxRobot robot) throws Exception {
        TableView<KeptMessage> table = scanAndSelect(robot, 0);
        List<KeptMessage> before = onFx(() -> List.copyOf(table.getItems()));
        Label status = robot.lookup("#decode-status").queryAs(Label.class);

        onFx(() -> {
            browser.useDescriptorSet("/tmp/notes.txt");
            return null;
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(onFx(() -> status.getText()))
                .isEqualTo("The file /tmp/notes.txt is not a Protobuf descriptor set."));
        assertThat(onFx(() -> List.copyOf(table.getItems()))).containsExactlyElementsOf(before);

        onFx(() -> {
            browser.useDescriptorSet("/tmp/shop.desc");
            return null;
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(onFx(() -> status.getText()))
                .isEqualTo("Protobuf is read with the descriptor set /tmp/shop.desc: 2 rows read again."));
        assertThat(schemas.descriptorsReadOnFx).isFalse();
        assertThat(onFx(() -> table.getItems().getFirst())).isNotSameAs(before.getFirst());
    }

    @Test
    void theSchemaTabListsTheSubjectsVersionsAndShowsAnyOfThem(FxRobot robot) throws Exception {
        scanAndSelect(robot, 0);

        @SuppressWarnings("unchecked")
        ListView<SchemaPane.VersionItem> versions = robot.lookup("#schema-versions").queryAs(ListView.class);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(onFx(() -> versions.getItems()
                .stream().map(Object::toString).toList())).containsExactly("payments-value v1",
                "payments-value v2  (this record)", "payments-value v3"));
        assertThat(onFx(() -> versions.getSelectionModel().getSelectedItem().thisRecords())).isTrue();
        assertThat(onFx(() -> robot.lookup("#schema-status").queryAs(Label.class).getText()))
                .isEqualTo("payments-value: this record uses version 2 of 3 (the latest is 3).");
        assertThat(onFx(() -> robot.lookup("#schema-summary").queryAs(Label.class).getText()))
                .isEqualTo("Avro schema id 7, filed as payments-value v2");
        TextArea text = robot.lookup("#detail-schema").queryAs(TextArea.class);
        assertThat(onFx(() -> text.getText())).contains("\"name\": \"Payment\"");

        onFx(() -> {
            versions.getSelectionModel().select(0);
            return null;
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(onFx(() -> text.getText()))
                .startsWith("Avro schema id 5\nSubject payments-value v1").contains("\"name\": \"PaymentV1\""));
    }

    @Test
    void aValueThatDoesNotMatchItsSchemaSaysSoAndIsCountedInTheScan(FxRobot robot) throws Exception {
        scanAndSelect(robot, 1);

        assertThat(onFx(() -> browser.unmatchedProperty().get())).isEqualTo(1);
        assertThat(onFx(() -> browser.notesProperty().get()))
                .contains("1 value could not be read through its schema or does not match it");
        assertThat(onFx(() -> robot.lookup("#detail-note").queryAs(Label.class).getText()))
                .contains("Does not match its schema: it carries field Payment #17 that schema 7 does not declare. "
                        + "(Read as Avro, schema id 7 (payments-value v2).)");
        assertThat(onFx(() -> robot.lookup("#schema-mismatch").queryAs(Label.class).getText()))
                .isEqualTo("This value does not match its schema: it carries field Payment #17 that schema 7 does "
                        + "not declare.");
        assertThat(onFx(() -> robot.lookup("#detail-value").queryAs(TextArea.class).getText())).contains("p-1");
    }

    @Test
    void produceEncodesTheJsonInTheSchemaOfTheMessageItStartedFromAndRefusesWhatDoesNotFit(FxRobot robot)
            throws Exception {
        scanAndSelect(robot, 0);
        onFx(() -> {
            robot.lookup("#produce-button").queryButton().fire();
            return null;
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#produce-schema-id").tryQuery()
                .isPresent());
        assertThat(onFx(() -> robot.lookup("#produce-schema-id").queryAs(TextField.class).getText())).isEqualTo("7");
        @SuppressWarnings("unchecked")
        ComboBox<String> encoding = robot.lookup("#produce-encoding").queryAs(ComboBox.class);
        assertThat(onFx(() -> encoding.getValue())).isEqualTo(ProduceDialog.IN_SCHEMA);
        TextArea value = robot.lookup("#produce-value").queryAs(TextArea.class);
        assertThat(onFx(() -> value.getText())).contains("\"id\": \"p-1\""); // the JSON of the message it started from
        Button send = robot.lookup("#produce-send").queryButton();
        Label verdict = robot.lookup("#produce-verdict").queryAs(Label.class);

        onFx(() -> {
            value.setText("{\"amount\": 3}");
            send.fire();
            return null;
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(onFx(() -> verdict.getText()))
                .isEqualTo("The value does not fit Avro schema 7 at $.id: it needs a string, found nothing. Nothing "
                        + "was sent."));
        assertThat(connection.published).isEmpty(); // never sent as plain JSON

        onFx(() -> {
            value.setText("{\"id\": \"p-2\"}");
            send.fire();
            return null;
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(onFx(() -> verdict.getText()))
                .isEqualTo("Sent as Avro with schema id 7 to partition 0 at offset 1."));
        OutgoingMessage sent = connection.published.getLast();
        assertThat(sent.value()).containsExactly(0, 0, 0, 0, 7, 4, 'p', '2');
        assertThat(schemas.encoded.getLast()).isEqualTo(SchemaAccess.SchemaChoice.id(7));
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        var result = new CompletableFuture<T>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get();
    }
}
