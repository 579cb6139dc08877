package dev.flowdeck.views.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flowdeck.core.audit.AuditEntry;
import dev.flowdeck.core.audit.AuditLog;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.KeptMessage;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.mask.HashKey;
import dev.flowdeck.core.mask.MaskRule;
import dev.flowdeck.core.mask.Masking;
import dev.flowdeck.core.mask.MaskingSettings;
import dev.flowdeck.core.mask.RevealLog;
import dev.flowdeck.views.mask.ProfileMasking;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
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
 * A masked profile's browser on JavaFX's headless platform: the detail pane shows the message masked, lists what
 * was masked, and reveals one field only after the audit log has it. The connection is scripted; buttons are fired.
 */
@ExtendWith(ApplicationExtension.class)
class MaskedRevealViewTest {

    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    private static final String CARD = "4111111111111111";
    private static final String TOKEN = "Bearer s3cr3t";

    private final ScriptedConnection connection = new ScriptedConnection();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<AuditEntry> audit = new CopyOnWriteArrayList<>();
    private BrowserViewModel browser;

    @Start
    void start(Stage stage) {
        connection.script = List.of(new MessageBatch(List.of(new BrowsedMessage("payments", 2, 17, NOW, null,
                ("{\"id\":17,\"card\":{\"number\":\"" + CARD + "\",\"brand\":\"visa\"}}")
                        .getBytes(StandardCharsets.UTF_8),
                List.of(new MessageHeader("Authorization", TOKEN.getBytes(StandardCharsets.UTF_8))))), 1, 18, 18));
        browser = new BrowserViewModel(connection, "payments", true, Platform::runLater, Runnable::run, timer,
                Clock.fixed(NOW, ZoneOffset.UTC));
        var view = new DestinationView(browser, true, traceId -> { }, Optional.empty());
        stage.setScene(new Scene(view, 1100, 700));
        stage.show();
    }

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private ProfileMasking masking(boolean mayReveal) {
        var settings = new MaskingSettings(List.of(MaskRule.parse("$.card.number mask"),
                MaskRule.parse("header authorization hash")), false, mayReveal);
        AuditLog log = new AuditLog() {
            @Override
            public void record(AuditEntry entry) {
                audit.add(entry);
            }

            @Override
            public List<AuditEntry> recent(int limit) {
                return audit;
            }
        };
        return ProfileMasking.of(ConnectionProfile.kafka("payments-prod", "kafka:9092").withMasking(settings),
                CompletableFuture.completedFuture(HashKey.random()),
                RevealLog.toAudit(log, Clock.fixed(NOW, ZoneOffset.UTC)), Runnable::run);
    }

    private void scanAndSelect(FxRobot robot, ProfileMasking masking) throws Exception {
        onFx(() -> {
            browser.useMasking(masking);
            browser.start();
            return null;
        });
        TableView<KeptMessage> table = robot.lookup("#message-table").queryTableView();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(onFx(() -> table.getItems()))
                .hasSize(1));
        onFx(() -> {
            table.getSelectionModel().select(0);
            return null;
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(onFx(() ->
                robot.lookup("#detail-value").queryAs(TextArea.class).getText())).contains("\"brand\": \"visa\""));
    }

    @Test
    void aRowIsMaskedOnceForTheTableAndAgainOnlyWhenItIsListedAgain(FxRobot robot) throws Exception {
        scanAndSelect(robot, masking(false));

        KeptMessage row = onFx(() -> browser.rows().getFirst());
        KeptMessage drawn = onFx(() -> browser.drawn(row));
        assertThat(new String(drawn.message().value(), StandardCharsets.UTF_8)).doesNotContain(CARD)
                .contains(Masking.MASKED);
        assertThat(onFx(() -> browser.drawn(row))).as("masked once while listed").isSameAs(drawn);
        assertThat(new String(row.message().value(), StandardCharsets.UTF_8)).as("the row itself stays as read")
                .contains(CARD);

        onFx(() -> {
            browser.start(); // the list is cleared and filled again: its rows are drawn afresh
            return null;
        });
        TableView<KeptMessage> table = robot.lookup("#message-table").queryTableView();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(onFx(() -> table.getItems())).hasSize(1);
            assertThat(onFx(() -> table.getItems().getFirst())).as("the same message, kept again").isNotSameAs(row);
        });
        assertThat(onFx(() -> browser.drawn(row))).as("a row no longer listed is not kept").isNotSameAs(drawn);
    }

    @Test
    void aMaskedFieldIsRevealedOnlyOnceTheAuditLogHasIt(FxRobot robot) throws Exception {
        scanAndSelect(robot, masking(true));

        assertThat(onFx(() -> robot.lookup("#detail-value").queryAs(TextArea.class).getText()))
                .contains(Masking.MASKED).doesNotContain(CARD);
        assertThat(onFx(() -> robot.lookup("#detail-headers").queryTableView().getItems().toString()))
                .doesNotContain("s3cr3t");
        assertThat(onFx(() -> robot.lookup("#masked-summary").queryAs(Label.class).getText()))
                .startsWith("2 values are masked by the profile. Reveal shows one");
        assertThat(audit).isEmpty();

        Button reveal = robot.lookup("#reveal-1").queryButton(); // headers come first: 0 is the header
        Platform.runLater(reveal::fire);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(onFx(() ->
                robot.lookup("#revealed-1").queryAs(TextField.class).getText())).isEqualTo(CARD));
        assertThat(audit).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo(RevealLog.ACTION);
            assertThat(entry.cluster()).isEqualTo("payments-prod");
            assertThat(entry.target()).isEqualTo("payments partition 2 offset 17");
            assertThat(entry.detail()).isEqualTo("field $.card.number");
            assertThat(entry.toString()).doesNotContain(CARD);
        });
        // The header stays masked: one reveal, one field.
        assertThat(onFx(() -> robot.lookup("#revealed-0").queryAs(TextField.class).isVisible())).isFalse();
    }

    @Test
    void aProfileWithoutTheRightOffersNoReveal(FxRobot robot) throws Exception {
        scanAndSelect(robot, masking(false));

        assertThat(onFx(() -> robot.lookup("#masked-summary").queryAs(Label.class).getText()))
                .endsWith("This profile does not allow revealing them.");
        assertThat(robot.lookup("#reveal-0").tryQuery()).isEmpty();
        // Nor does the view model reveal when asked directly.
        var field = onFx(() -> browser.inspectionProperty().get().masked().getFirst());
        assertThat(browser.reveal(field).toCompletableFuture()).isCompletedExceptionally();
        assertThat(audit).isEmpty();
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
