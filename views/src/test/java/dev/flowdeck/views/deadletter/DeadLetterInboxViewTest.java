package dev.flowdeck.views.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flowdeck.core.audit.AuditEntry;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.ScriptedBrowses;
import dev.flowdeck.core.broker.TopicSummary;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.deadletter.DeadLetterGroup;
import dev.flowdeck.replay.EventOutcome;
import dev.flowdeck.replay.ReplayOptions;
import dev.flowdeck.replay.ReplayProgress;
import dev.flowdeck.replay.ReplaySummary;
import dev.flowdeck.views.replay.ScriptedReplays;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The inbox and its dialogs as an operator walks them on JavaFX's headless platform: the fullest dead-letter topic
 * is read at once and grouped, a cause's replay opens with its dry run, runs with progress to its report, and the
 * audit log shows the entry. The broker and the replay service are scripted; buttons are fired, not clicked (a
 * virtualised table's cells are not where a robot expects them on a headless screen).
 */
@ExtendWith(ApplicationExtension.class)
class DeadLetterInboxViewTest {

    private final ScriptedBrowses broker = new ScriptedBrowses();
    private final ScriptedReplays replays = new ScriptedReplays();
    private DeadLetterInboxView view;
    private Locale locale;

    @Start
    void start(Stage stage) {
        broker.listing(List.of(new TopicSummary("payments", 3, 1, 900), new TopicSummary("payments.DLT", 1, 1, 3)));
        broker.script("payments.DLT", ScriptedBrowses.End.COMPLETE, new MessageBatch(
                IntStream.range(0, 3).mapToObj(ScriptedReplays::letter).toList(), 3, 3, 3));
        var model = new DeadLetterInboxViewModel(broker, ConnectionProfile.kafka("shop", "localhost:9092"),
                Platform::runLater, replays);
        view = new DeadLetterInboxView(model);
        stage.setScene(new Scene(view, 900, 600));
        stage.show();
        model.refresh();
    }

    @BeforeEach
    void englishDigits() {
        locale = Locale.getDefault();
        Locale.setDefault(Locale.UK);
    }

    @AfterEach
    void closeDialogs() throws Exception {
        onFx(() -> {
            Window.getWindows().stream().filter(window -> window.getScene().getRoot() != view)
                    .filter(Stage.class::isInstance).map(Stage.class::cast).toList().forEach(Stage::close);
            return null;
        });
        Locale.setDefault(locale);
    }

    @Test
    void aCausesReplayGoesFromDryRunThroughProgressToItsReportAndTheAuditLog(FxRobot robot) throws Exception {
        TableView<DeadLetterGroup> groups = robot.lookup("#dead-letter-groups").queryTableView();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(onFx(() -> groups.getItems()))
                .singleElement().extracting(DeadLetterGroup::count).isEqualTo(3L));
        assertThat(onFx(() -> label(robot, "#dead-letter-status")))
                .isEqualTo("3 dead letters in payments.DLT, 1 cause.");

        onFx(() -> {
            groups.getSelectionModel().select(0);
            return null;
        });
        fire(robot, "#dead-letter-replay");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(onFx(() ->
                robot.lookup("#replay-dry-run").queryAs(TextArea.class).getText()))
                .startsWith("payments.DLT/0@0 → payments, partition 0"));
        assertThat(onFx(() -> label(robot, "#replay-summary")))
                .isEqualTo("Copy 3 events to payments, partition 0 on shop.");

        fire(robot, "#replay-start");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(replays.options).isEqualTo(new ReplayOptions(50, ReplayOptions.DEFAULT_CONCURRENCY, false));
        replays.progress.accept(new ReplayProgress(3, 1, 1, 0, 2, ReplayProgress.State.RUNNING));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(onFx(() ->
                label(robot, "#replay-progress-text"))).startsWith("1 of 3 done: 1 delivered"));
        replays.finish(IntStream.range(0, 3).mapToObj(i -> new EventOutcome("payments.DLT/0@" + i,
                EventOutcome.Kind.DELIVERED, false, "")).toList(), false);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(onFx(() ->
                label(robot, "#replay-progress-text"))).startsWith("Done: 3 delivered"));
        assertThat(onFx(() -> robot.lookup("#replay-close").queryButton().isDisabled())).isFalse();

        replays.audit.add(new AuditEntry(ScriptedReplays.T0, "shop", "ana", "replay events", "payments",
                "3 dead letters of payments.DLT", AuditEntry.SUCCEEDED));
        fire(robot, "#dead-letter-audit");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(onFx(() ->
                robot.lookup("#audit-entries").queryTableView().getItems())).hasSize(1));
        assertThat(onFx(() -> label(robot, "#audit-status"))).isEqualTo("1 entry");
    }

    @Test
    void theReplaysDialogListsTheJournalsAndResumesAnInterruptedOne(FxRobot robot) throws Exception {
        replays.history.add(new ReplaySummary("r-9", ReplaySummary.State.INTERRUPTED, ScriptedReplays.T0,
                ScriptedReplays.T0, 4, 1, 0, 3, 0, true));
        replays.history.add(new ReplaySummary("r-8", ReplaySummary.State.FINISHED, ScriptedReplays.T0,
                ScriptedReplays.T0, 2, 2, 0, 0, 0, true));

        fire(robot, "#dead-letter-history");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(onFx(() ->
                label(robot, "#replay-history-status"))).isEqualTo("2 replays, 1 to resume."));
        TableView<ReplaySummary> table = robot.lookup("#replay-history").queryTableView();
        onFx(() -> {
            table.getSelectionModel().select(1);
            return null;
        });
        assertThat(onFx(() -> robot.lookup("#replay-history-resume").queryButton().isDisabled())).isTrue();
        onFx(() -> {
            table.getSelectionModel().select(0);
            return null;
        });
        fire(robot, "#replay-history-resume");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(onFx(() ->
                label(robot, "#replay-summary"))).startsWith("Resume replay r-9 on shop: 3 not sent yet"));

        fire(robot, "#replay-start");

        assertThat(replays.resumed).containsExactly("r-9");
    }

    private static String label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static void fire(FxRobot robot, String id) {
        Button button = robot.lookup(id).queryButton();
        Platform.runLater(button::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get();
    }
}
