package dev.flowdeck.core.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.audit.AuditEntry;
import dev.flowdeck.core.audit.AuditLog;
import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.UnusedConnection;
import dev.flowdeck.core.publish.ReadOnlyProfileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The service's bookkeeping around a scripted connection; the reset itself is tested on a real broker. */
class OffsetResetTest {

    private static final Instant NOW = Instant.parse("2026-11-27T14:02:11Z");
    private static final OffsetResetPlan PLAN = new OffsetResetPlan("billing", OffsetResetTarget.EARLIEST, List.of(
            new PartitionReset(new PartitionId("orders", 0), 1_200, 900, 1_500),
            new PartitionReset(new PartitionId("orders", 1), -1, 0, 40)));

    private final List<AuditEntry> recorded = new ArrayList<>();
    private boolean auditBroken;
    private final AuditLog audit = new AuditLog() {
        @Override
        public void record(AuditEntry entry) {
            if (auditBroken) {
                throw new UncheckedIOException(new IOException("disk full"));
            }
            recorded.add(entry);
        }

        @Override
        public List<AuditEntry> recent(int limit) {
            return recorded;
        }
    };
    private final ResetOnly connection = new ResetOnly();
    private final OffsetReset reset = new OffsetReset(connection, "prod-eu", audit, Clock.fixed(NOW, ZoneOffset.UTC),
            Runnable::run);

    @Test
    void aResetThatWorkedIsRecordedWithEveryPartitionBeforeAndAfter() throws Exception {
        connection.outcome = CompletableFuture.completedFuture(PLAN);

        assertThat(reset.apply(PLAN).toCompletableFuture().get()).isEqualTo(PLAN);

        assertThat(connection.applied).containsExactly(PLAN);
        assertThat(recorded).containsExactly(new AuditEntry(NOW, "prod-eu", AuditEntry.osUser(), "reset offsets",
                "group billing", "to the earliest offsets\norders-0: 1200 -> 900\norders-1: none -> 0",
                AuditEntry.SUCCEEDED));
        assertThat(PLAN.totalLag()).isEqualTo(600 + 40);
    }

    @Test
    void aRefusedResetIsRecordedAsFailedWithTheSentenceAndStillFails() {
        connection.outcome = CompletableFuture.failedFuture(new BrokerException(
                "Group billing is active (Stable, 2 consumers): stop its 2 consumers first; nothing was changed.",
                null));

        assertThatThrownBy(() -> reset.apply(PLAN).toCompletableFuture().get())
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(BrokerException.class)
                .hasMessageContaining("stop its 2 consumers first");
        assertThat(recorded).singleElement().extracting(AuditEntry::outcome).isEqualTo(
                "failed: Group billing is active (Stable, 2 consumers): stop its 2 consumers first; nothing was changed.");
    }

    @Test
    void aConnectionThatThrowsAtOnceIsRecordedToo() {
        connection.throwAtOnce = new ReadOnlyProfileException("prod-eu", "resetting the offsets of group billing");

        assertThatThrownBy(() -> reset.apply(PLAN).toCompletableFuture().get())
                .cause().isInstanceOf(ReadOnlyProfileException.class);
        assertThat(recorded).singleElement().extracting(AuditEntry::succeeded).isEqualTo(false);
    }

    @Test
    void aResetTheAuditLogCouldNotRecordSaysBoth() {
        connection.outcome = CompletableFuture.completedFuture(PLAN);
        auditBroken = true;

        assertThatThrownBy(() -> reset.apply(PLAN).toCompletableFuture().get())
                .cause().isInstanceOf(OffsetReset.UnrecordedChangeException.class)
                .hasMessage("The offsets of group billing were reset, but the audit log could not record it "
                        + "(java.io.IOException: disk full). Note the change by hand.");
    }

    @Test
    void givenOffsetsMustNameAPartitionAndNoNegativeOffset() {
        assertThatThrownBy(() -> new OffsetResetTarget.Offsets(Map.of()))
                .hasMessage("Name at least one partition and its offset.");
        assertThatThrownBy(() -> new OffsetResetTarget.Offsets(Map.of(new PartitionId("orders", 3), -2L)))
                .hasMessage("An offset is not negative: orders-3 has -2.");
    }

    /** Answers only the reset; everything else is no business of this service. */
    private static final class ResetOnly extends UnusedConnection {

        CompletionStage<OffsetResetPlan> outcome;
        RuntimeException throwAtOnce;
        final List<OffsetResetPlan> applied = new ArrayList<>();

        @Override
        public CompletionStage<OffsetResetPlan> resetOffsets(OffsetResetPlan plan) {
            if (throwAtOnce != null) {
                throw throwAtOnce;
            }
            applied.add(plan);
            return outcome;
        }

        @Override
        public CompletionStage<OffsetResetPlan> previewOffsetReset(String group, OffsetResetTarget target) {
            return CompletableFuture.completedFuture(PLAN);
        }

    }
}
