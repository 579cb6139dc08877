package dev.flowdeck.views.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flowdeck.core.audit.AuditEntry;
import dev.flowdeck.core.offsets.PartitionReset;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dialog as an operator uses it, through its public entry point, on JavaFX's headless platform: it previews at
 * once, a click on another target and Preview shows the new plan, and Reset asks first and then applies exactly the
 * preview. The connection is scripted and answers on a thread of its own.
 */
@ExtendWith(ApplicationExtension.class)
class ResetOffsetsDialogTest {

    private final ExecutorService connectorThread = Executors.newSingleThreadExecutor(
            runnable -> Thread.ofPlatform().daemon().name("scripted-connector").unstarted(runnable));
    private final ExecutorService background = Executors.newSingleThreadExecutor(
            runnable -> Thread.ofPlatform().daemon().name("test-background").unstarted(runnable));
    private final ScriptedGroup connection = new ScriptedGroup(connectorThread);
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private Stage stage;
    private ResetOffsetsDialog dialog;
    private Locale locale;

    @Start
    void start(Stage primary) {
        stage = primary;
        primary.setScene(new Scene(new StackPane(), 400, 300)); // a dialog's owner has a scene, as the app's window
        primary.show();
    }

    @BeforeEach
    void englishDigits() {
        locale = Locale.getDefault();
        Locale.setDefault(Locale.UK);
    }

    @AfterEach
    void closeEverything() throws Exception {
        if (dialog != null) {
            onFx(() -> {
                dialog.close();
                return null;
            });
        }
        connectorThread.shutdownNow();
        background.shutdownNow();
        Locale.setDefault(locale);
    }

    @Test
    void previewsAtOnceThenResetsToTheTargetChosenAfterTheOperatorConfirms(FxRobot robot) throws Exception {
        open();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(onFx(() -> table().getItems()))
                .extracting(PartitionReset::newOffset).containsExactly(0L, 0L, 0L));
        assertThat(text("#reset-total")).isEqualTo("Lag after the reset: 30 records on 3 partitions");
        assertThat(connection.threadsAnswering).containsOnly("scripted-connector");

        robot.clickOn("#reset-target-latest");
        assertThat(onFx(() -> table().getItems())).as("a new target drops the old preview").isEmpty();
        assertThat(onFx(() -> applyButton().isDisabled())).isTrue();
        robot.clickOn("#reset-preview");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(onFx(() -> table().getItems()))
                .extracting(PartitionReset::newOffset).containsExactly(10L, 10L, 10L));
        assertThat(cellText(0, 1)).isEqualTo("5");
        assertThat(cellText(0, 4)).isEqualTo("0");

        robot.clickOn("#reset-apply");
        await().atMost(Duration.ofSeconds(30)).until(() -> robot.lookup("#reset-confirmation").tryQuery().isPresent());
        DialogPane confirmation = robot.lookup("#reset-confirmation").queryAs(DialogPane.class);
        assertThat(onFx(confirmation::getContentText)).isEqualTo("Move group billing at the latest offsets on 3 "
                + "partitions? It will then have 0 records to read. This is recorded in the audit log.");
        robot.clickOn(robot.from(confirmation).lookup(".button").match(node -> node instanceof Button button
                && "Reset offsets".equals(button.getText())).queryButton());

        await().atMost(Duration.ofSeconds(30)).until(() -> text("#reset-message").startsWith("Done"));
        assertThat(text("#reset-message"))
                .isEqualTo("Done: group billing now starts at the latest offsets, with 0 records to read.");
        assertThat(connection.applied).singleElement().satisfies(plan ->
                assertThat(plan.partitions()).extracting(PartitionReset::newOffset).containsOnly(10L));
        assertThat(connection.committed.values()).containsOnly(10L);
        assertThat(audit.entries).singleElement().extracting(AuditEntry::outcome).isEqualTo(AuditEntry.SUCCEEDED);
        assertThat(onFx(() -> applyButton().isDisabled())).isTrue();
    }

    @Test
    void anActiveGroupIsExplainedAndNothingCanBeApplied() throws Exception {
        connection.members = 2;
        open();

        await().atMost(Duration.ofSeconds(30)).until(() -> text("#reset-message").contains("stop its"));
        assertThat(text("#reset-message")).isEqualTo("Group billing is active (Stable, 2 consumers): stop its 2 "
                + "consumers first; offsets can be reset only while no consumer reads them.");
        assertThat(onFx(() -> applyButton().isDisabled())).isTrue();
        assertThat(connection.applied).isEmpty();
        assertThat(audit.entries).isEmpty();
    }

    @Test
    void givenOffsetsStartFromWhereTheGroupIs(FxRobot robot) throws Exception {
        open();
        await().atMost(Duration.ofSeconds(30)).until(() -> !onFx(() -> table().getItems()).isEmpty());

        robot.clickOn("#reset-target-offsets");

        assertThat(onFx(() -> robot.lookup("#reset-offsets-text").queryAs(TextArea.class).getText()))
                .isEqualTo("orders-0 = 5\norders-1 = 5\norders-2 = 5\n");
    }

    private void open() throws Exception {
        dialog = onFx(() -> ResetOffsetsDialog.show(stage, connection, "prod-eu", "billing", audit, background));
    }

    @SuppressWarnings("unchecked")
    private TableView<PartitionReset> table() {
        return (TableView<PartitionReset>) dialog.getDialogPane().lookup("#reset-table");
    }

    private Button applyButton() {
        return (Button) dialog.getDialogPane().lookup("#reset-apply");
    }

    private String text(String id) throws Exception {
        return onFx(() -> ((Label) dialog.getDialogPane().lookup(id)).getText());
    }

    private String cellText(int row, int column) throws Exception {
        return onFx(() -> String.valueOf(table().getColumns().get(column).getCellData(row)));
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError assertion) {
                throw assertion;
            }
            throw e;
        }
    }
}
