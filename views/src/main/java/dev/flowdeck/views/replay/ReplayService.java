package dev.flowdeck.views.replay;

import dev.flowdeck.core.audit.AuditEntry;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.deadletter.DeadLetterGroup;
import dev.flowdeck.replay.ReplayMode;
import dev.flowdeck.replay.ReplayOptions;
import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replay.ReplayProgress;
import dev.flowdeck.replay.ReplaySummary;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * What a cluster's replay dialog asks of the app: the replay engine wired to this cluster's connection, journal
 * directory and audit log. Every stage completes off the FX thread; the dialog's view model hops back.
 */
public interface ReplayService {

    /**
     * Reads {@code destination} again for every letter of {@code group} (the inbox keeps only some) and plans their
     * replay to where each failed.
     */
    CompletionStage<ProposedReplay> plan(Destination destination, DeadLetterGroup group, ReplayMode mode);

    /** Writes the plan to a file, for a second person to review and apply. */
    CompletionStage<Void> save(ReplayPlan plan, Path file);

    /**
     * Starts the plan's replay, journaled before anything is sent. {@code progress} may be told on any thread.
     * A refusal (a read-only profile, say) ends the returned run's report with the reason rather than throwing.
     */
    StartedReplay start(ReplayPlan plan, ReplayOptions options, Consumer<ReplayProgress> progress);

    /**
     * Resumes an interrupted replay from its journal and saved plan: what the journal records as delivered is not
     * sent again, what it leaves in doubt is read back from the target first.
     */
    StartedReplay resume(String replayId, ReplayOptions options, Consumer<ReplayProgress> progress);

    /** The replays of this machine's replays directory, newest first, with where each stands. */
    CompletionStage<List<ReplaySummary>> history();

    /** The newest entries of the audit log replays are recorded in (offset resets too), oldest first. */
    CompletionStage<List<AuditEntry>> auditTrail(int limit);

    /** Writes {@code entries} to {@code file} as JSON Lines, or as CSV ({@link dev.flowdeck.core.audit.AuditExport}). */
    CompletionStage<Void> exportAudit(List<AuditEntry> entries, Path file, boolean jsonLines);
}
