package dev.flowdeck.replay;

import dev.flowdeck.core.audit.AuditEntry;
import dev.flowdeck.core.audit.AuditLog;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.publish.PublishReceipt;
import dev.flowdeck.core.publish.ReadOnlyProfileException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a plan, or resumes it from its journal: every event reaches its target once, however often the app dies.
 *
 * <p>How an event goes, each step journaled before the next starts: {@code sent} is forced to the disk, then the
 * message goes to the publisher; its confirm is journaled as {@code confirmed}; in move mode the dead letter is
 * removed only then, and {@code removed} journaled. On resume, what the journal says decides: never sent → send;
 * confirmed → done (remove it if moving); sent or failed without a confirm → ask the {@link TargetReadBack}, and
 * send only if the target does not hold it. So a message is sent a second time only when the target was seen
 * without it, and a dead letter is removed only when the target was seen with it. A move first asks the
 * {@link DeadLetterSource} to hold the dead letters (so no other consumer takes one while its replay is out), sends
 * none whose dead letter is no longer there, and has it hand back what it still holds when the run ends.
 *
 * <p>All work runs on the {@link ReplayScheduler}, which must run one task at a time: completions arriving on a
 * connector's I/O thread hop onto it before anything is journaled.
 *
 * <p>The journal is written in turns (group commit): what a completion learns goes into the turn's batch of lines,
 * and the action a line allows (handing a message to the publisher, removing a dead letter) is held until the batch
 * is forced. A turn runs after the completions already waiting on the scheduler, so the confirms that arrived
 * together and the sends that fill the window they freed are one write and one force, not one each: the
 * write-ahead rule holds line by line, at a fraction of the forces. {@link #pause}, {@link #resume} and
 * {@link #cancel} may be called from any thread; a pause or cancel lets sends already out finish and be recorded.
 *
 * <p>A run refuses before sending anything when the target's profile is read-only (or, for a move, the source's),
 * and every run, refused or not, ends with an entry in the audit log.
 */
public final class ReplayRunner {

    public static final String AUDIT_ACTION = "replay events";
    private static final Logger LOG = LoggerFactory.getLogger(ReplayRunner.class);

    /** What a run talks to: the brokers, the disk, the clock. */
    public record Services(Publisher publisher, TargetReadBack readBack, DeadLetterSource source,
                           ReplayHistory history, AuditLog audit, ReplayScheduler scheduler, Clock clock) {

        public Services {
            Objects.requireNonNull(publisher, "publisher");
            Objects.requireNonNull(readBack, "readBack");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(history, "history");
            Objects.requireNonNull(audit, "audit");
            Objects.requireNonNull(scheduler, "scheduler");
            Objects.requireNonNull(clock, "clock");
        }
    }

    private enum Work { SEND, CHECK, REMOVE }

    private record Step(Work work, PlannedEvent event, boolean deliveredBefore) {
    }

    private final ReplayPlan plan;
    private final ReplayJournal journal;
    private final Services services;
    private final ReplayOptions options;
    private final Consumer<ReplayProgress> progress;
    private final RateLimit rate;
    private final String operator;
    private final CompletableFuture<ReplayReport> finished = new CompletableFuture<>();

    private final Deque<Step> queue = new ArrayDeque<>();
    private final Map<String, EventOutcome> outcomes;
    /** The lines of the current turn, and what each allows once they are on the disk, in order. */
    private ReplayJournal.Batch lines;
    private final List<Runnable> afterForce = new java.util.ArrayList<>();
    /**
     * Answers from connector threads, waiting for the scheduler: one task takes all that arrived while it was
     * queued (a replay has a thousand sends out, and a scheduler task for each answer cost more than the answer).
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> answers =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean answersQueued =
            new java.util.concurrent.atomic.AtomicBoolean();
    private int delivered;
    private int failed;
    private int inFlight;
    private boolean turnPending;
    private boolean started;
    /** The plan is journaled and queued: only then can the run be idle, and so finished (a pause may come first). */
    private boolean begun;
    private boolean paused;
    private boolean cancelled;
    private boolean done;
    private boolean timerPending;
    /** A move waits for its dead letters to be held before sending anything. */
    private boolean holding;
    /** Events of a move whose dead letter was not in its queue when the run began: never sent by this run. */
    private final java.util.Set<String> gone = new java.util.HashSet<>();

    /**
     * @param journal  this plan's journal, opened (a fresh one, or the one a crashed run left)
     * @param progress told of every change, on the scheduler
     */
    public ReplayRunner(ReplayPlan plan, ReplayJournal journal, Services services, ReplayOptions options,
                        Consumer<ReplayProgress> progress) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.services = Objects.requireNonNull(services, "services");
        this.options = Objects.requireNonNull(options, "options");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.rate = new RateLimit(services.clock(), options.eventsPerSecond());
        this.operator = AuditEntry.osUser();
        this.lines = journal.batch();
        // Sized for every event at once: an outcome per event, and growing a map of 100,000 costs a dozen rehashes.
        this.outcomes = LinkedHashMap.newLinkedHashMap(plan.events().size() + plan.held().size());
    }

    /**
     * Starts (or resumes) the run. The stage completes with the report when every event has an outcome, or fails
     * with a {@link ReadOnlyProfileException} when refused, or with the journal's failure (nothing more is sent
     * once the journal cannot record it).
     */
    public synchronized CompletionStage<ReplayReport> start() {
        if (started) {
            throw new IllegalStateException("A runner runs once; open the journal again to resume.");
        }
        started = true;
        services.scheduler().execute(() -> guarded(this::begin));
        return finished;
    }

    public void pause() {
        services.scheduler().execute(() -> guarded(() -> {
            paused = true;
            turn();
        }));
    }

    public void resume() {
        services.scheduler().execute(() -> guarded(() -> {
            paused = false;
            turn();
        }));
    }

    /** Sends nothing more; what is out is still recorded. Events not sent say so and a resume sends them. */
    public void cancel() {
        services.scheduler().execute(() -> guarded(() -> {
            cancelled = true;
            for (Step step : queue) {
                String key = step.event().key();
                outcome(step.work() == Work.REMOVE
                        ? new EventOutcome(key, EventOutcome.Kind.ALREADY_DELIVERED, false,
                                "In the target; not removed from the dead letters (cancelled).")
                        : new EventOutcome(key, EventOutcome.Kind.NOT_SENT, false, "Cancelled before it was sent."));
            }
            queue.clear();
            turn();
        }));
    }

    private void begin() {
        begun = true;
        Publisher publisher = services.publisher();
        if (publisher.readOnly()) {
            refuse(new ReadOnlyProfileException(publisher.cluster(), "replaying events"));
            return;
        }
        if (plan.mode() == ReplayMode.MOVE && services.source().readOnly()) {
            refuse(new ReadOnlyProfileException(services.source().cluster(),
                    "removing replayed events from the dead letters"));
            return;
        }
        List<String> keys = new java.util.ArrayList<>();
        plan.events().forEach(event -> keys.add(event.key()));
        plan.held().forEach(event -> keys.add(event.key()));
        journal.planned(keys);
        JournalState state = journal.state();
        for (PlannedEvent event : plan.events()) {
            String key = event.key();
            JournalState.Standing standing = state.of(key).orElseThrow();
            switch (standing.step()) {
                case PLANNED -> queue.add(new Step(Work.SEND, event, false));
                case SENT, FAILED -> queue.add(new Step(Work.CHECK, event, false));
                case CONFIRMED -> {
                    if (plan.mode() == ReplayMode.MOVE) {
                        queue.add(new Step(Work.REMOVE, event, true));
                    } else {
                        outcome(new EventOutcome(key, EventOutcome.Kind.ALREADY_DELIVERED, false,
                                "Delivered before this run (the journal says so)."));
                    }
                }
                case REMOVED -> outcome(new EventOutcome(key, EventOutcome.Kind.ALREADY_DELIVERED, true,
                        "Delivered and removed before this run (the journal says so)."));
                case SKIPPED -> outcome(new EventOutcome(key, EventOutcome.Kind.REFUSED_ALREADY_REPLAYED,
                        false, standing.reason()));
            }
        }
        for (HeldEvent event : plan.held()) {
            if (state.of(event.key()).map(JournalState.Standing::step).orElse(null) != JournalState.Step.SKIPPED) {
                lines.skipped(event.key(), event.reason());
            }
            outcome(new EventOutcome(event.key(), EventOutcome.Kind.HELD, false, event.reason()));
        }
        if (plan.mode() == ReplayMode.MOVE && !queue.isEmpty()) {
            holdDeadLetters(); // its first turn comes once the dead letters are held
        } else {
            turn();
        }
    }

    /**
     * One turn: starts what the window allows, forces the turn's lines to the disk in one write, then lets the
     * actions they allow go. Nothing a line allows happens before this force, and a failed force lets none happen.
     */
    private void turn() {
        turnPending = false;
        if (done) {
            return; // stopped or finished: nothing more is written, nothing held back is let go
        }
        pump();
        journal.write(lines);
        List<Runnable> allowed = List.copyOf(afterForce);
        afterForce.clear();
        allowed.forEach(Runnable::run);
        report();
        finishIfIdle();
    }

    /**
     * A move first takes hold of the dead letters it will remove, so no other consumer of the dead-letter queue
     * takes one while its replay is out (that consumer and the replay would both handle it).
     */
    private void holdDeadLetters() {
        holding = true;
        List<PlannedEvent> events = queue.stream().map(Step::event).toList();
        CompletionStage<java.util.Set<String>> taking;
        try {
            taking = services.source().hold(events);
        } catch (RuntimeException failed) {
            taking = CompletableFuture.failedFuture(failed);
        }
        taking.whenComplete((held, failure) -> answered(() -> holdEnded(held, failure)));
    }

    private void holdEnded(java.util.Set<String> held, Throwable failure) {
        holding = false;
        if (done) {
            release(); // the run ended meanwhile: hand back what this hold took
            return;
        }
        if (failure != null) {
            String reason = "Its dead letter could not be taken hold of (" + Failures.sentence(failure)
                    + "), so nothing was sent; resume to try again.";
            for (Step step : queue) {
                String key = step.event().key();
                outcome(step.work() == Work.REMOVE
                        ? new EventOutcome(key, EventOutcome.Kind.ALREADY_DELIVERED, false,
                                "In the target; not removed from the dead letters (" + Failures.sentence(failure)
                                        + "); a resume removes it.")
                        : new EventOutcome(key, EventOutcome.Kind.NOT_SENT, false, reason));
            }
            queue.clear();
        } else {
            for (var steps = queue.iterator(); steps.hasNext(); ) {
                Step step = steps.next();
                String key = step.event().key();
                if (held.contains(key) || step.work() == Work.REMOVE) {
                    continue; // a removal of a dead letter already gone completes by itself
                }
                gone.add(key);
                if (step.work() == Work.SEND) {
                    steps.remove();
                    outcome(goneOutcome(key));
                }
                // A CHECK goes on: if the target holds it, it was delivered; if not, it is not sent (checkEnded).
            }
        }
        turn();
    }

    /**
     * An answer (from any thread) to be handled on the scheduler, in the order answers came: queued, with one
     * scheduler task for all that arrive before it runs.
     */
    private void answered(Runnable answer) {
        answers.add(answer);
        if (answersQueued.compareAndSet(false, true)) {
            services.scheduler().execute(() -> guarded(this::takeAnswers));
        }
    }

    private void takeAnswers() {
        answersQueued.set(false); // an answer added from now on queues another task
        Runnable answer;
        while ((answer = answers.poll()) != null) {
            answer.run();
        }
    }

    /**
     * A turn after the tasks already waiting on the scheduler: the answers that arrived together share its force.
     */
    private void turnSoon() {
        if (!turnPending) {
            turnPending = true;
            services.scheduler().execute(() -> guarded(this::turn));
        }
    }

    private static EventOutcome goneOutcome(String key) {
        return new EventOutcome(key, EventOutcome.Kind.NOT_SENT, false, "Its dead letter is no longer in its "
                + "queue (another consumer took it, or it was removed): not sent, so it cannot arrive twice.");
    }

    /** Starts as much work as the pause, the concurrency and the rate allow. */
    private void pump() {
        while (!done && !holding && !cancelled && !paused && inFlight < options.concurrency() && !queue.isEmpty()) {
            Step next = queue.peek();
            if (next.work() == Work.SEND) {
                if (refusedAsReplayed(next.event())) {
                    queue.poll();
                    continue;
                }
                Duration wait = rate.reserve();
                if (!wait.isZero()) {
                    if (!timerPending) {
                        timerPending = true;
                        services.scheduler().schedule(() -> guarded(() -> {
                            timerPending = false;
                            turn();
                        }), wait);
                    }
                    break;
                }
            }
            queue.poll();
            inFlight++;
            PlannedEvent event = next.event();
            switch (next.work()) {
                case SEND -> {
                    lines.sent(event.key()); // on the disk before the message leaves: an unjournaled event was never sent
                    afterForce.add(() -> send(event));
                }
                case CHECK -> check(event);
                case REMOVE -> afterForce.add(() -> remove(event, next.deliveredBefore()));
            }
        }
    }

    private boolean refusedAsReplayed(PlannedEvent event) {
        if (options.force()) {
            return false;
        }
        Optional<String> earlier = services.history().deliveredBy(event.key(), plan.id());
        if (earlier.isEmpty()) {
            return false;
        }
        String reason = "Already replayed by replay " + earlier.get() + "; sending it again needs force.";
        lines.skipped(event.key(), reason);
        outcome(new EventOutcome(event.key(), EventOutcome.Kind.REFUSED_ALREADY_REPLAYED, false,
                reason));
        return true;
    }

    /** Hands the message to the publisher: only after its {@code sent} line is on the disk. */
    private void send(PlannedEvent event) {
        CompletionStage<PublishReceipt> sending;
        try {
            sending = services.publisher().send(event.message());
        } catch (RuntimeException refused) {
            sending = CompletableFuture.failedFuture(refused);
        }
        sending.whenComplete((receipt, failure) -> answered(() -> sendEnded(event, receipt, failure)));
    }

    private void sendEnded(PlannedEvent event, PublishReceipt receipt, Throwable failure) {
        if (done) {
            return;
        }
        inFlight--;
        String key = event.key();
        if (failure == null) {
            lines.confirmed(key, receipt);
            if (plan.mode() == ReplayMode.MOVE) {
                inFlight++;
                afterForce.add(() -> remove(event, false)); // only once its confirm is on the disk
            } else {
                outcome(new EventOutcome(key, EventOutcome.Kind.DELIVERED, false, landed(receipt)));
            }
        } else {
            String reason = Failures.sentence(failure);
            lines.failed(key, reason);
            outcome(new EventOutcome(key, EventOutcome.Kind.FAILED, false, reason));
            if (Failures.unwrap(failure) instanceof ReadOnlyProfileException) {
                cancelled = true; // every further send would be refused the same way
                queue.forEach(step -> outcome(new EventOutcome(step.event().key(),
                        EventOutcome.Kind.NOT_SENT, false, reason)));
                queue.clear();
            }
        }
        turnSoon();
    }

    private void check(PlannedEvent event) {
        CompletionStage<Boolean> asking;
        try {
            asking = services.readBack().holds(event, plan.id());
        } catch (RuntimeException failed) {
            asking = CompletableFuture.failedFuture(failed);
        }
        asking.whenComplete((holds, failure) -> answered(() -> checkEnded(event, holds, failure)));
    }

    private void checkEnded(PlannedEvent event, Boolean holds, Throwable failure) {
        if (done) {
            return;
        }
        inFlight--;
        String key = event.key();
        if (failure != null) {
            // Left as it stands in the journal: sending without knowing could double it.
            outcome(new EventOutcome(key, EventOutcome.Kind.FAILED, false,
                    "Its last send has no known outcome and the target could not be read back ("
                            + Failures.sentence(failure) + "); resume to try again."));
        } else if (holds) {
            lines.confirmed(key, null);
            if (plan.mode() == ReplayMode.MOVE) {
                inFlight++;
                afterForce.add(() -> remove(event, true)); // only once its confirm is on the disk
            } else {
                outcome(new EventOutcome(key, EventOutcome.Kind.ALREADY_DELIVERED, false,
                        "Found in the target: an interrupted run had sent it."));
            }
        } else if (gone.contains(key)) {
            outcome(goneOutcome(key));
        } else {
            queue.addFirst(new Step(Work.SEND, event, false));
        }
        turnSoon();
    }

    private void remove(PlannedEvent event, boolean deliveredBefore) {
        CompletionStage<Void> removing;
        try {
            removing = services.source().remove(event);
        } catch (RuntimeException failed) {
            removing = CompletableFuture.failedFuture(failed);
        }
        removing.whenComplete((ignored, failure) -> answered(() -> removeEnded(event, deliveredBefore, failure)));
    }

    private void removeEnded(PlannedEvent event, boolean deliveredBefore, Throwable failure) {
        if (done) {
            return;
        }
        inFlight--;
        String key = event.key();
        EventOutcome.Kind kind = deliveredBefore ? EventOutcome.Kind.ALREADY_DELIVERED : EventOutcome.Kind.DELIVERED;
        if (failure == null) {
            lines.removed(key);
            outcome(new EventOutcome(key, kind, true, "In the target and removed from the dead letters."));
        } else {
            outcome(new EventOutcome(key, kind, false, "In the target, but not removed from the dead "
                    + "letters (" + Failures.sentence(failure) + "); a resume removes it."));
        }
        turnSoon();
    }

    private void finishIfIdle() {
        if (done || !begun || holding || inFlight > 0 || !(queue.isEmpty() || cancelled) || !lines.isEmpty()) {
            return;
        }
        done = true;
        release();
        ReplayReport report = new ReplayReport(plan.id(), cancelled, ordered(), Optional.empty());
        long failed = report.count(EventOutcome.Kind.FAILED);
        String outcome = failed > 0 ? AuditEntry.failed(failed + " events failed; resume the replay to finish it")
                : cancelled ? AuditEntry.failed("cancelled by the operator") : AuditEntry.SUCCEEDED;
        Optional<String> unrecorded = audit(report.summary(), outcome);
        report();
        finished.complete(new ReplayReport(plan.id(), cancelled, report.outcomes(), unrecorded));
    }

    private List<EventOutcome> ordered() {
        List<EventOutcome> ordered = new java.util.ArrayList<>(outcomes.size());
        for (PlannedEvent event : plan.events()) {
            EventOutcome outcome = outcomes.get(event.key());
            if (outcome != null) {
                ordered.add(outcome);
            }
        }
        for (HeldEvent event : plan.held()) {
            EventOutcome outcome = outcomes.get(event.key());
            if (outcome != null) {
                ordered.add(outcome);
            }
        }
        return ordered;
    }

    /** Hands back the dead letters a move still holds: their events were not delivered. */
    private void release() {
        try {
            services.source().release();
        } catch (RuntimeException failed) {
            LOG.warn("Replay {}: the dead letters still held could not be handed back ({}); the broker hands them "
                    + "back when the connection closes.", plan.id(), failed.getMessage());
        }
    }

    private void refuse(RuntimeException refusal) {
        done = true;
        audit("nothing sent", AuditEntry.failed(refusal.getMessage()));
        finished.completeExceptionally(refusal);
    }

    /** Runs a task of the run; a journal that cannot be written stops the run, so nothing goes out unrecorded. */
    private synchronized void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException failure) {
            if (done) {
                LOG.warn("Replay {}: a late answer could not be recorded: {}", plan.id(), failure.getMessage());
                return;
            }
            done = true;
            queue.clear();
            afterForce.clear(); // their lines may not be on the disk
            release();
            LOG.error("Replay {} stopped: {}", plan.id(), failure.getMessage());
            audit(new ReplayReport(plan.id(), true, ordered(), Optional.empty()).summary(),
                    AuditEntry.failed("stopped: " + Failures.sentence(failure)));
            finished.completeExceptionally(failure);
        }
    }

    private Optional<String> audit(String summary, String outcome) {
        String target = plan.source() + " → " + String.join("; ", plan.targets());
        String detail = "replay " + plan.id() + " (" + plan.mode().name().toLowerCase(java.util.Locale.ROOT) + ", "
                + plan.events().size() + " planned, " + plan.held().size() + " held back" + (options.force()
                ? ", forced" : "") + "): " + summary + "; journal " + journal.file();
        try {
            services.audit().record(new AuditEntry(services.clock().instant(), services.publisher().cluster(),
                    operator, AUDIT_ACTION, target, detail, outcome));
            return Optional.empty();
        } catch (RuntimeException unwritten) {
            LOG.error("Replay {} was not recorded in the audit log: {}", plan.id(), unwritten.getMessage());
            return Optional.of("The audit log could not record this replay (" + unwritten.getMessage()
                    + "). Note it by hand.");
        }
    }

    /** Records an event's outcome (a later one replaces an earlier), keeping the progress counts current. */
    private void outcome(EventOutcome outcome) {
        EventOutcome was = outcomes.put(outcome.key(), outcome);
        if (was != null) {
            delivered -= was.inTarget() ? 1 : 0;
            failed -= was.kind() == EventOutcome.Kind.FAILED ? 1 : 0;
        }
        delivered += outcome.inTarget() ? 1 : 0;
        failed += outcome.kind() == EventOutcome.Kind.FAILED ? 1 : 0;
    }

    private void report() {
        ReplayProgress.State state = done ? ReplayProgress.State.FINISHED
                : cancelled ? ReplayProgress.State.CANCELLING
                : paused ? ReplayProgress.State.PAUSED : ReplayProgress.State.RUNNING;
        progress.accept(new ReplayProgress(plan.events().size() + plan.held().size(), outcomes.size(), delivered,
                failed, inFlight, state));
    }

    private static String landed(PublishReceipt receipt) {
        return receipt == null ? "Confirmed by the target."
                : "Confirmed: " + receipt.destination() + "-" + receipt.partition()
                + (receipt.offset() >= 0 ? "@" + receipt.offset() : "");
    }
}
