package dev.flowdeck.core.offsets;

import dev.flowdeck.core.audit.AuditEntry;
import dev.flowdeck.core.audit.AuditLog;
import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.Failures;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resets a consumer group's offsets on one cluster and records every attempt in the audit log, done or failed, with
 * the plan's offsets before and after: the connection changes the cluster, this is where it is written down.
 *
 * <p>The entry is written on {@code background}, never on the connector's threads (it waits for the disk). If the
 * reset worked but the entry could not be written, the stage fails with an {@link UnrecordedChangeException} that
 * says both, so the operator can note the change by hand.
 */
public final class OffsetReset {

    public static final String ACTION = "reset offsets";
    private static final Logger LOG = LoggerFactory.getLogger(OffsetReset.class);

    private final BrokerConnection connection;
    private final String cluster;
    private final AuditLog audit;
    private final Clock clock;
    private final Executor background;
    private final String operator;

    /**
     * @param cluster    the cluster's name as the operator knows it, for the audit log
     * @param background writes the audit entry
     */
    public OffsetReset(BrokerConnection connection, String cluster, AuditLog audit, Clock clock, Executor background) {
        this.connection = connection;
        this.cluster = cluster;
        this.audit = audit;
        this.clock = clock;
        this.background = background;
        this.operator = AuditEntry.osUser();
    }

    /** What the reset would do; changes nothing and records nothing. */
    public CompletionStage<OffsetResetPlan> preview(String group, OffsetResetTarget target) {
        try {
            return connection.previewOffsetReset(group, target);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }

    /** Commits the plan's offsets and records the outcome; completes with the plan once both are done. */
    public CompletionStage<OffsetResetPlan> apply(OffsetResetPlan plan) {
        CompletionStage<OffsetResetPlan> reset;
        try {
            reset = connection.resetOffsets(plan);
        } catch (RuntimeException refused) {
            reset = CompletableFuture.failedFuture(refused);
        }
        return reset.handleAsync((applied, failure) -> {
            String outcome = failure == null ? AuditEntry.SUCCEEDED : AuditEntry.failed(Failures.sentence(failure));
            var entry = new AuditEntry(clock.instant(), cluster, operator, ACTION, "group " + plan.group(),
                    plan.detail(), outcome);
            try {
                audit.record(entry);
            } catch (RuntimeException unwritten) {
                LOG.error("An offset reset on {} was not recorded in the audit log: {} ({})", cluster, entry,
                        unwritten.getMessage());
                if (failure == null) {
                    throw new UnrecordedChangeException("The offsets of group " + plan.group()
                            + " were reset, but the audit log could not record it (" + unwritten.getMessage()
                            + "). Note the change by hand.", unwritten);
                }
            }
            if (failure != null) {
                throw failure instanceof CompletionException wrapped ? wrapped
                        : new CompletionException(Failures.unwrap(failure));
            }
            return applied;
        }, background);
    }

    /** The change was made on the cluster but is missing from the audit log. */
    public static final class UnrecordedChangeException extends RuntimeException {

        public UnrecordedChangeException(String operatorMessage, Throwable cause) {
            super(operatorMessage, cause);
        }
    }
}
