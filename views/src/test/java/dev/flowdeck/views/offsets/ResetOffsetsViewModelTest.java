package dev.flowdeck.views.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.audit.AuditEntry;
import dev.flowdeck.core.offsets.OffsetReset;
import dev.flowdeck.core.offsets.OffsetResetTarget;
import dev.flowdeck.core.offsets.PartitionId;
import dev.flowdeck.core.offsets.PartitionReset;
import dev.flowdeck.views.offsets.ResetOffsetsViewModel.TargetKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The view model's logic with a scripted group; queues stand in for the background and the FX thread. */
class ResetOffsetsViewModelTest {

    private static final Instant NOW = ScriptedGroup.T0.plus(Duration.ofHours(1));

    private final List<Runnable> connectorQueue = new ArrayList<>();
    private final List<Runnable> backgroundQueue = new ArrayList<>();
    private final List<Runnable> uiQueue = new ArrayList<>();
    private final ScriptedGroup connection = new ScriptedGroup(connectorQueue::add);
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ResetOffsetsViewModel model = new ResetOffsetsViewModel(
            new OffsetReset(connection, "prod-eu", audit, clock, backgroundQueue::add), "billing", clock,
            backgroundQueue::add, uiQueue::add);
    private Locale locale;

    @BeforeEach
    void englishDigits() {
        locale = Locale.getDefault();
        Locale.setDefault(Locale.UK);
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(locale);
    }

    @Test
    void aPreviewReachesTheScreenInOneUiStepAfterItWasTabulatedInTheBackground() {
        model.preview();
        assertThat(model.busyProperty().get()).isTrue();

        runAll(connectorQueue);
        assertThat(backgroundQueue).as("rows are made off the UI thread").hasSize(1);
        runAll(backgroundQueue);
        assertThat(model.rows()).as("nothing on screen changes before the UI executor runs").isEmpty();
        assertThat(uiQueue).hasSize(1);
        runAll(uiQueue);

        assertThat(model.rows()).extracting(PartitionReset::partition, PartitionReset::current,
                        PartitionReset::newOffset, PartitionReset::resultingLag)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(new PartitionId("orders", 0), 5L, 0L, 10L),
                        org.assertj.core.groups.Tuple.tuple(new PartitionId("orders", 1), 5L, 0L, 10L),
                        org.assertj.core.groups.Tuple.tuple(new PartitionId("orders", 2), 5L, 0L, 10L));
        assertThat(model.totalProperty().get()).isEqualTo("Lag after the reset: 30 records on 3 partitions");
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.canApplyBinding().get()).isTrue();
        assertThat(model.suggestedOffsets()).isEqualTo("orders-0 = 5\norders-1 = 5\norders-2 = 5\n");
    }

    @Test
    void applyingCommitsExactlyThePreviewAndTheAuditLogSaysSo() {
        model.targetKindProperty().set(TargetKind.LATEST);
        previewNow();
        assertThat(model.confirmation()).isEqualTo("Move group billing at the latest offsets on 3 partitions? It "
                + "will then have 0 records to read. This is recorded in the audit log.");

        model.apply();
        drain();

        assertThat(connection.applied).containsExactly(model.planProperty().get());
        assertThat(connection.committed.values()).containsOnly(10L);
        assertThat(model.messageProperty().get())
                .isEqualTo("Done: group billing now starts at the latest offsets, with 0 records to read.");
        assertThat(model.appliedProperty().get()).isTrue();
        assertThat(model.canApplyBinding().get()).as("applied once, never twice").isFalse();
        assertThat(audit.entries).singleElement().satisfies(entry -> {
            assertThat(entry.cluster()).isEqualTo("prod-eu");
            assertThat(entry.target()).isEqualTo("group billing");
            assertThat(entry.detail()).isEqualTo("to the latest offsets\norders-0: 5 -> 10\norders-1: 5 -> 10\n"
                    + "orders-2: 5 -> 10");
            assertThat(entry.outcome()).isEqualTo(AuditEntry.SUCCEEDED);
        });
    }

    @Test
    void changingTheTargetDropsThePreviewAndAPreviewStillOnItsWayIsDiscarded() {
        previewNow();
        assertThat(model.planProperty().get()).isNotNull();

        model.targetKindProperty().set(TargetKind.LATEST);
        assertThat(model.planProperty().get()).isNull();
        assertThat(model.rows()).isEmpty();
        assertThat(model.canApplyBinding().get()).isFalse();

        model.preview();
        model.targetKindProperty().set(TargetKind.EARLIEST);
        drain();
        assertThat(model.planProperty().get()).as("the late answer was for 'latest'").isNull();
        assertThat(model.rows()).isEmpty();
    }

    @Test
    void aTimeTypedAsAnAgeIsReadOnTheClockAndAnUnreadableOneSaysWhy() {
        model.targetKindProperty().set(TargetKind.AT_TIME);
        model.timeProperty().set("59m56s"); // 4 s after T0: the records from offset 4 on
        previewNow();

        assertThat(model.planProperty().get().target())
                .isEqualTo(new OffsetResetTarget.AtTime(ScriptedGroup.T0.plusSeconds(4)));
        assertThat(model.rows()).extracting(PartitionReset::newOffset).containsOnly(4L);

        model.timeProperty().set("yesterday");
        model.preview();
        assertThat(model.messageProperty().get()).startsWith("'yesterday' is not a time: write an instant such as");
        assertThat(connectorQueue).as("nothing was asked of the broker").isEmpty();
    }

    @Test
    void givenOffsetsGoToTheConnectionAsTyped() {
        model.targetKindProperty().set(TargetKind.OFFSETS);
        model.offsetsProperty().set("orders-2 = 7\norders-0: 2");
        previewNow();

        assertThat(model.rows()).extracting(PartitionReset::partition, PartitionReset::newOffset).containsExactly(
                org.assertj.core.groups.Tuple.tuple(new PartitionId("orders", 0), 2L),
                org.assertj.core.groups.Tuple.tuple(new PartitionId("orders", 2), 7L));

        model.offsetsProperty().set("orders 7");
        model.preview();
        assertThat(model.messageProperty().get()).isEqualTo("Line 1 should read 'topic-partition = offset', such as "
                + "orders-0 = 1200; 'orders 7' does not.");
    }

    @Test
    void aRefusalIsShownAsTheConnectorWordedItAndNothingCanBeApplied() {
        connection.members = 2;
        previewNow();

        assertThat(model.messageProperty().get()).isEqualTo("Group billing is active (Stable, 2 consumers): stop its "
                + "2 consumers first; offsets can be reset only while no consumer reads them.");
        assertThat(model.canApplyBinding().get()).isFalse();
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void aResetRefusedAfterThePreviewIsRecordedAsFailedAndCanBeTriedAgain() {
        previewNow();
        connection.members = 1;

        model.apply();
        drain();

        assertThat(model.messageProperty().get()).endsWith("stop its 1 consumer first; nothing was changed.");
        assertThat(model.appliedProperty().get()).isFalse();
        assertThat(model.canApplyBinding().get()).isTrue();
        assertThat(audit.entries).singleElement().extracting(AuditEntry::outcome).asString()
                .startsWith("failed: Group billing is active");
        assertThat(connection.committed.values()).containsOnly(5L);
    }

    private void previewNow() {
        model.preview();
        drain();
    }

    private void drain() {
        while (!connectorQueue.isEmpty() || !backgroundQueue.isEmpty() || !uiQueue.isEmpty()) {
            runAll(connectorQueue);
            runAll(backgroundQueue);
            runAll(uiQueue);
        }
    }

    private static void runAll(List<Runnable> queue) {
        while (!queue.isEmpty()) {
            queue.removeFirst().run();
        }
    }
}
