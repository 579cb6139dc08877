package dev.flowdeck.replay;

import dev.flowdeck.core.audit.AuditEntry;
import dev.flowdeck.core.audit.AuditLog;
import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.publish.OutgoingMessage;
import dev.flowdeck.core.publish.PublishReceipt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiPredicate;
import java.util.function.IntUnaryOperator;

/**
 * A target and a dead-letter queue in memory, answering after a latency on {@link VirtualTime}, failing and
 * crashing when told to. It outlives crashes, as a broker outlives the app: what it stored stays stored.
 */
final class FakeCluster implements Publisher, TargetReadBack, DeadLetterSource, AuditLog {

    final VirtualTime time;
    /** Draws a number below its argument: the fuzz test's dice, or always 0. */
    private final IntUnaryOperator dice;

    final List<OutgoingMessage> target = new ArrayList<>();
    final Set<String> deadLetters = new LinkedHashSet<>();
    final List<String> removals = new ArrayList<>();
    final List<String> violations = new ArrayList<>();
    final List<AuditEntry> audit = new ArrayList<>();
    final List<java.time.Instant> sendTimes = new ArrayList<>();

    boolean readOnly;
    int maxLatencyMillis = 100;
    /** Percent of sends that fail (half of them after the target stored the message). */
    int failPercent;
    /** Operations (sends, confirms, read-backs, removals) left before the process crashes; negative: never. */
    int crashCountdown = -1;
    int inFlight;
    int maxInFlight;
    int readBacks;
    int readBacksFound;
    /**
     * What the journal on the disk says, asked as each send and removal begins (the write-ahead rule: a
     * {@code sent} line before the send, a {@code confirmed} line before the removal); null: not asked.
     */
    BiPredicate<String, JournalState.Step> journalOnDisk;
    int releases;
    RuntimeException holdFailure;

    FakeCluster(VirtualTime time, IntUnaryOperator dice) {
        this.time = time;
        this.dice = dice;
    }

    @Override
    public String cluster() {
        return "shop-prod";
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public CompletionStage<PublishReceipt> send(OutgoingMessage message) {
        sendTimes.add(time.instant());
        String key = ReplayPlannerTest.value(message.headers(), Provenance.REPLAYED_FROM);
        if (journalOnDisk != null && !journalOnDisk.test(key, JournalState.Step.SENT)) {
            violations.add(key + " was sent before its sent line was on the disk");
        }
        if (tick()) {
            if (dice.applyAsInt(2) == 1) {
                store(message); // the broker got it; the app died before hearing back
            }
            throw new VirtualTime.Crash("during a send");
        }
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        CompletableFuture<PublishReceipt> confirm = new CompletableFuture<>();
        boolean fails = dice.applyAsInt(100) < failPercent;
        boolean storesAnyway = dice.applyAsInt(2) == 1;
        time.schedule(() -> {
            inFlight--;
            if (fails) {
                if (storesAnyway) {
                    store(message);
                }
                confirm.completeExceptionally(new BrokerException("The broker did not answer in time.", null));
                return;
            }
            int offset = store(message);
            if (tick()) {
                throw new VirtualTime.Crash("between the store and its confirm");
            }
            confirm.complete(new PublishReceipt(message.destination(), message.partition().orElse(0), offset));
        }, latency());
        return confirm;
    }

    @Override
    public CompletionStage<Boolean> holds(PlannedEvent event, String replayId) {
        if (tick()) {
            throw new VirtualTime.Crash("during a read-back");
        }
        readBacks++;
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        time.schedule(() -> {
            boolean holds = copiesOf(event.key(), replayId) > 0;
            readBacksFound += holds ? 1 : 0;
            answer.complete(holds);
        }, latency());
        return answer;
    }

    @Override
    public CompletionStage<Void> remove(PlannedEvent event) {
        if (tick()) {
            throw new VirtualTime.Crash("before a removal");
        }
        if (journalOnDisk != null && !journalOnDisk.test(event.key(), JournalState.Step.CONFIRMED)) {
            violations.add(event.key() + " was removed before its confirmed line was on the disk");
        }
        CompletableFuture<Void> removed = new CompletableFuture<>();
        time.schedule(() -> {
            if (copiesOf(event.key(), null) == 0) {
                violations.add(event.key() + " was removed from the dead letters while the target lacked it");
            }
            if (deadLetters.remove(event.key())) {
                removals.add(event.key());
            }
            if (tick()) {
                throw new VirtualTime.Crash("after a removal, before its answer");
            }
            removed.complete(null);
        }, latency());
        return removed;
    }

    /** Holds what is still among the dead letters, as a queue would: another consumer may have taken the rest. */
    @Override
    public CompletionStage<Set<String>> hold(List<PlannedEvent> events) {
        if (holdFailure != null) {
            return CompletableFuture.failedFuture(holdFailure);
        }
        CompletableFuture<Set<String>> held = new CompletableFuture<>();
        time.schedule(() -> held.complete(events.stream().map(PlannedEvent::key).filter(deadLetters::contains)
                .collect(java.util.stream.Collectors.toSet())), latency());
        return held;
    }

    @Override
    public void release() {
        releases++;
    }

    @Override
    public void record(AuditEntry entry) {
        audit.add(entry);
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        return audit.subList(Math.max(0, audit.size() - limit), audit.size());
    }

    /** Copies of an event in the target: of one replay, or of any when {@code replayId} is null. */
    long copiesOf(String eventKey, String replayId) {
        return target.stream().filter(message -> replayId == null
                ? Provenance.isReplayOf(message.headers(), ReplayPlannerTest.value(message.headers(),
                        Provenance.REPLAY_ID), eventKey)
                : Provenance.isReplayOf(message.headers(), replayId, eventKey)).count();
    }

    private int store(OutgoingMessage message) {
        target.add(message);
        return target.size() - 1;
    }

    private boolean tick() {
        if (crashCountdown < 0) {
            return false;
        }
        return crashCountdown-- == 0;
    }

    private Duration latency() {
        return Duration.ofMillis(1 + dice.applyAsInt(maxLatencyMillis));
    }
}
