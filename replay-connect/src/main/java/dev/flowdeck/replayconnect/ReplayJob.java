package dev.flowdeck.replayconnect;

import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replay.ReplayReport;
import dev.flowdeck.replay.ReplayRunner;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One run of a replay, started or resumed by {@link Replays}: pause, resume, cancel, and its result. The controls
 * may be called from any thread and before the run has really begun (the marks are still being taken): they then
 * apply as soon as it does, before anything is sent.
 */
public final class ReplayJob {

    /** How far a resume of this replay can tell what an interrupted run already delivered. */
    public enum Delivery {
        /** Every target can be read back: each event lands once, however often the run is interrupted. */
        EXACTLY_ONCE,
        /** Some target is a classic or quorum queue: an event in doubt is sent again on resume. */
        AT_LEAST_ONCE;

        /** What the operator is told; for at least once, why some may arrive twice. */
        public String sentence() {
            return this == EXACTLY_ONCE ? "Exactly once: every target is read back before an event in doubt is "
                    + "sent again." : "At least once: " + AtLeastOnceReadBack.CAVEAT;
        }
    }

    /**
     * How a run ended.
     *
     * @param report   an outcome per event
     * @param delivery whether a resume of it is exactly once or at least once
     */
    public record Result(ReplayReport report, Delivery delivery) {

        public Result {
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(delivery, "delivery");
        }
    }

    private final ReplayPlan plan;
    private final boolean resumed;
    private final CompletableFuture<Result> finished = new CompletableFuture<>();
    private ReplayRunner runner;
    private boolean pauseAsked;
    private boolean cancelAsked;

    ReplayJob(ReplayPlan plan, boolean resumed) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.resumed = resumed;
    }

    public String replayId() {
        return plan.id();
    }

    public ReplayPlan plan() {
        return plan;
    }

    /** Whether this run resumes one the journal already records. */
    public boolean resumed() {
        return resumed;
    }

    /**
     * Completes when every event has an outcome (or the run was cancelled and what was out is recorded). Fails with
     * {@link dev.flowdeck.core.publish.ReadOnlyProfileException} when a read-only profile refused it, or with the
     * failure that kept it from starting (the marks, the journal) in a sentence.
     */
    public CompletionStage<Result> finished() {
        return finished;
    }

    public synchronized void pause() {
        pauseAsked = true;
        if (runner != null) {
            runner.pause();
        }
    }

    public synchronized void resume() {
        pauseAsked = false;
        if (runner != null) {
            runner.resume();
        }
    }

    /** Sends nothing more; what is out is still recorded, and {@link Replays#resume} sends the rest later. */
    public synchronized void cancel() {
        cancelAsked = true;
        if (runner != null) {
            runner.cancel();
        }
    }

    /**
     * Hands the run its runner and starts it, applying a pause or cancel asked before. The runner's tasks run in
     * the order given, so a pause given before start keeps the first sends from going.
     */
    synchronized CompletionStage<ReplayReport> begin(ReplayRunner started) {
        runner = started;
        if (pauseAsked || cancelAsked) {
            runner.pause();
        }
        CompletionStage<ReplayReport> report = runner.start();
        if (cancelAsked) {
            runner.cancel();
        }
        return report;
    }

    void complete(Result result) {
        finished.complete(result);
    }

    void fail(Throwable failure) {
        finished.completeExceptionally(failure);
    }
}
