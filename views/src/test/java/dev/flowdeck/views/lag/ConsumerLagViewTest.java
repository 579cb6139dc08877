package dev.flowdeck.views.lag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.lag.AlertRules;
import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.lag.GroupStatus;
import dev.flowdeck.core.lag.LagEvaluator;
import dev.flowdeck.core.lag.LagHistoryStore;
import dev.flowdeck.core.lag.LagMonitor;
import dev.flowdeck.core.lag.LagRound;
import dev.flowdeck.core.lag.MemoryAlertLog;
import dev.flowdeck.core.lag.PartitionLag;
import dev.flowdeck.core.lag.PartitionVerdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The lag tab as an operator uses it, fed by the real monitor with scripted rounds. */
class ConsumerLagViewTest {

    private static final Instant START = Instant.parse("2026-11-27T08:00:00Z");

    private final FxRobot robot = new FxRobot();
    private final LagMonitor monitor = new LagMonitor("sandbox", new LagEvaluator(Duration.ofSeconds(20)),
            AlertRules::defaults, LagHistoryStore.none(), new MemoryAlertLog(10));
    private LagViewModel model;
    private ConsumerLagView view;
    private Stage stage;

    @BeforeEach
    void show() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        onFx(() -> {
            model = new LagViewModel(Runnable::run, Clock.fixed(START.plusSeconds(60), ZoneOffset.UTC));
            model.attach(LagHistoryStore.none(), Runnable::run, List.of());
            view = new ConsumerLagView(model, false, Optional.empty());
            stage.setScene(new Scene(view, 1100, 700));
            stage.show();
            for (int i = 0; i < 6; i++) {
                model.apply(monitor.record(round(i)));
            }
            return null;
        });
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    private static LagRound round(int i) {
        Instant at = START.plusSeconds(5L * i);
        var ok = new ConsumerGroupLag("payment-service", "Stable", 2,
                List.of(new PartitionLag("orders", 0, 100L * i, 100L * i)));
        var stalled = new ConsumerGroupLag("fraud-audit", "Stable", 1, List.of(
                new PartitionLag("payments", 0, 10, 1_200 + 100L * i, Optional.of(at.minusSeconds(40 + 5L * i))),
                new PartitionLag("payments", 1, 5L * i, 5L * i)));
        return new LagRound(at, List.of(ok, stalled));
    }

    @Test
    void theWorstGroupIsOnTopAndSelectingItShowsWhyAndItsPartitions() throws Exception {
        TableView<?> groups = robot.lookup("#lag-groups").queryAs(TableView.class);
        assertThat(onFx(() -> groups.getItems().size())).isEqualTo(2);
        assertThat(onFx(() -> ((dev.flowdeck.core.lag.GroupVerdict) groups.getItems().getFirst()).status()))
                .isEqualTo(GroupStatus.STALLED);
        assertThat(onFx(() -> robot.lookup("#lag-summary").queryAs(Label.class).getText()))
                .isEqualTo("1 of 2 groups need attention: 1 stalled");

        onFx(() -> {
            groups.getSelectionModel().select(0);
            return null;
        });
        assertThat(onFx(() -> robot.lookup("#lag-explanation").queryAs(Label.class).getText())).isEqualTo(
                "fraud-audit: Stalled. Offsets unchanged for 20 s on payments-0 (1 of 2 partitions) while lag rose"
                        + " from 1,290 to 1,690.");
        TableView<?> partitions = robot.lookup("#lag-partitions").queryAs(TableView.class);
        assertThat(onFx(() -> partitions.getItems().stream().map(p -> ((PartitionVerdict) p).lag()).toList()))
                .containsExactly(1_690L, 0L);
        assertThat(onFx(() -> ((PartitionVerdict) partitions.getItems().getFirst()).timeLag()))
                .contains(Duration.ofSeconds(65));
    }

    @Test
    void theChartFollowsTheSelectedGroupAndHoverReadsItsValues() throws Exception {
        onFx(() -> {
            model.select("fraud-audit");
            for (int i = 6; i <= 12; i++) {
                model.apply(monitor.record(round(i)));
            }
            return null;
        });
        LagChart chart = view.chart();
        assertThat(onFx(() -> model.chart().size())).as("total and two partitions").isEqualTo(3);
        List<String> hover = onFx(() -> {
            chart.resize(600, 260);
            return chart.valuesAt(chart.getWidth() - 20);
        });
        String lastSample = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                .format(START.plusSeconds(60).atZone(java.time.ZoneId.systemDefault()));
        assertThat(hover).containsExactly(lastSample, "total: 2,390", "payments-0: 2,390", "payments-1: 0");
        long[] before = onFx(chart::visibleRange);
        onFx(() -> {
            chart.zoom(0.5, 300);
            return null;
        });
        long[] zoomed = onFx(chart::visibleRange);
        assertThat(zoomed[1] - zoomed[0]).isLessThan(before[1] - before[0]);
        onFx(() -> {
            chart.showEverything();
            return null;
        });
        assertThat(onFx(chart::visibleRange)).containsExactly(before);
    }

    @Test
    void anAlertRuleIsSetInItsDialogAndAMistakeKeepsItOpen() throws Exception {
        onFx(() -> {
            model.select("payment-service");
            return null;
        });
        AtomicReference<DialogPane> dialog = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> robot.lookup("#lag-alert-rules").queryAs(Button.class).fire());
        WaitForAsyncUtils.waitForFxEvents();
        dialog.set(robot.lookup(".dialog-pane").queryAs(DialogPane.class));
        onFx(() -> {
            robot.lookup("#alert-max-lag").queryAs(TextField.class).setText("lots");
            ((Button) dialog.get().lookupButton(javafx.scene.control.ButtonType.OK)).fire();
            return null;
        });
        assertThat(onFx(() -> robot.lookup("#alert-rule-error").queryAs(Label.class).getText()))
                .startsWith("'lots' is not a number of messages");
        assertThat(onFx(() -> dialog.get().getScene().getWindow().isShowing())).isTrue();
        onFx(() -> {
            robot.lookup("#alert-max-lag").queryAs(TextField.class).setText("5000");
            robot.lookup("#alert-max-age").queryAs(TextField.class).setText("5m");
            ((Button) dialog.get().lookupButton(javafx.scene.control.ButtonType.OK)).fire();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        var rule = onFx(() -> model.rules().ruleFor("payment-service"));
        assertThat(rule.maxLag()).hasValue(5_000);
        assertThat(rule.maxTimeLag()).contains(Duration.ofMinutes(5));
        assertThat(rule.statuses()).containsExactlyInAnyOrder(GroupStatus.STALLED, GroupStatus.STOPPED);
        assertThat(onFx(() -> model.rules().ruleFor("fraud-audit"))).isEqualTo(dev.flowdeck.core.lag.AlertRule.defaults());
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }
}
