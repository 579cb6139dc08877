package dev.flowdeck.core.deadletter;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.ScanProgress;
import dev.flowdeck.core.browse.ScanTally;
import dev.flowdeck.core.decode.DecodedValue;
import dev.flowdeck.core.telemetry.TelemetryAttributes;
import dev.flowdeck.core.telemetry.TracedConnection;
import dev.flowdeck.core.telemetry.WorkSpans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads one dead-letter destination from its beginning through the browser's streaming scan: every message is
 * decoded where it is read, counted into its group, and the first {@code keep} that {@code wanted} accepts are kept
 * with their raw message (to list, to inspect, to replay), a schema-read value's JSON made as it is kept. However
 * large the destination, memory holds the groups (bounded, see {@link DeadLetterGroups}) and the kept letters, never
 * the rest.
 *
 * <p>The desktop's inbox and {@code flowdeck dlq} both read this way; a replay of one group reads again with a
 * {@code wanted} that accepts only that group, so the group's full membership is known without keeping the others.
 */
public final class DeadLetterScan {

    /** The most dead letters kept to list by default: the browser's table holds as many. */
    public static final int DEFAULT_KEEP = 5_000;

    /**
     * A dead letter as read and as decoded.
     *
     * @param groupId the {@link DeadLetterGroup#id()} of the group it was counted in
     */
    public record Letter(BrowsedMessage message, DeadLetter deadLetter, String groupId) {
        public Letter {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(deadLetter, "deadLetter");
            Objects.requireNonNull(groupId, "groupId");
        }
    }

    /**
     * How far a scan has come.
     *
     * @param scan   the browse's own progress (scanned, total, rate, time left)
     * @param groups the groups so far, largest first
     */
    public record Progress(ScanProgress scan, List<DeadLetterGroup> groups) {
    }

    /**
     * What a scan found.
     *
     * @param groups    every dead letter read, by cause, largest first
     * @param kept      the letters kept, in the order read
     * @param total     every dead letter read
     * @param wanted    how many {@code wanted} accepted, kept or not
     * @param cancelled the scan was stopped before the end of the destination
     * @param notes     what the operator should know: the browse's notes, a cap on groups, letters not kept
     */
    public record Outcome(List<DeadLetterGroup> groups, List<Letter> kept, long total, long wanted,
                          boolean cancelled, List<String> notes) {
        public Outcome {
            groups = List.copyOf(groups);
            kept = List.copyOf(kept);
            notes = List.copyOf(notes);
        }

        /** True when some accepted letters were read but not kept. */
        public boolean truncated() {
            return wanted > kept.size();
        }
    }

    private final String destination;
    private final DeadLetterDecoder decoder;
    private final int keep;
    private final Predicate<Letter> wanted;
    private final Consumer<Progress> progress;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    /** The outcome once the scan's span has ended too: what callers see. */
    private CompletionStage<Outcome> ended = outcome;

    private final DeadLetterGroups groups = new DeadLetterGroups();
    private final List<Letter> kept = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final ScanTally tally = new ScanTally();
    private long accepted;
    private volatile boolean cancelled;
    private volatile Flow.Subscription subscription;

    private DeadLetterScan(String destination, DeadLetterDecoder decoder, int keep, Predicate<Letter> wanted,
                           Consumer<Progress> progress) {
        if (keep < 0) {
            throw new IllegalArgumentException("keep no letters or more, not " + keep);
        }
        this.destination = destination;
        this.decoder = decoder;
        this.keep = keep;
        this.wanted = wanted;
        this.progress = progress;
    }

    /**
     * Starts reading {@code destination} and returns at once. {@code progress} is told after every batch, on the
     * connector's thread (a view model hands it to the FX thread); the outcome completes there too, or fails with a
     * {@link BrokerException} whose message is a sentence.
     *
     * @param keep   the most letters to keep
     * @param wanted which letters to keep (every one, or one group's: by {@link Letter#groupId()})
     */
    public static DeadLetterScan start(BrokerConnection connection, String destination, DeadLetterDecoder decoder,
                                       int keep, Predicate<Letter> wanted, Consumer<Progress> progress) {
        var scan = new DeadLetterScan(destination, decoder, keep, wanted, progress);
        // The scan's span holds its browse's span (a no-op span while telemetry is off).
        Span span = TracedConnection.tracer(connection).spanBuilder("scan dead letters " + destination)
                .setAttribute(TelemetryAttributes.MESSAGING_SYSTEM, TelemetryAttributes.system(connection.kind()))
                .setAttribute(TelemetryAttributes.DESTINATION, destination)
                .startSpan();
        scan.ended = WorkSpans.endWhen(span, scan.outcome, (ended, outcome) -> {
            ended.setAttribute(TelemetryAttributes.SCANNED, outcome.total());
            ended.setAttribute(TelemetryAttributes.MATCHED, outcome.wanted());
            ended.setAttribute(GROUPS, (long) outcome.groups().size());
            ended.setAttribute(TelemetryAttributes.OUTCOME, outcome.cancelled() ? "cancelled" : "completed");
        });
        try (Scope current = span.makeCurrent()) {
            connection.browse(BrowseRequest.fromBeginning(destination)).subscribe(scan.new Reader());
        }
        return scan;
    }

    private static final AttributeKey<Long> GROUPS = AttributeKey.longKey("flowdeck.deadletter.groups");

    public CompletionStage<Outcome> outcome() {
        return ended;
    }

    /** Stops reading at once; the outcome then says what was read, with {@code cancelled} set. */
    public void cancel() {
        cancelled = true;
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        finish();
    }

    private synchronized void read(MessageBatch batch) {
        if (outcome.isDone()) {
            return; // a batch that was on its way when the scan was cancelled
        }
        tally.add(batch);
        batch.notes().forEach(note -> notes.add(destination + ": " + note));
        for (BrowsedMessage message : batch.messages()) {
            DeadLetter deadLetter = decoder.decode(message);
            var letter = new Letter(message, deadLetter, groups.add(deadLetter));
            if (wanted.test(letter)) {
                accepted++;
                if (kept.size() < keep) {
                    madeReadable(message);
                    kept.add(letter);
                }
            }
        }
        progress.accept(new Progress(tally.progress(), groups.groups()));
    }

    /**
     * A kept letter's JSON made here, on the connector's thread, where a schema-read value's JSON is made only when
     * first asked for: the inbox masks and shows a letter on the FX thread when it is selected, and must find its
     * JSON made. Letters counted but not kept are never made.
     */
    private static void madeReadable(BrowsedMessage message) {
        DecodedValue decoded = message.decoded();
        if (decoded != null) {
            decoded.json();
        }
    }

    private synchronized void finish() {
        if (outcome.isDone()) {
            return;
        }
        List<String> all = new ArrayList<>(notes);
        all.addAll(groups.notes());
        if (accepted > kept.size()) {
            all.add(String.format("%,d dead letters are listed of %,d: the rest were counted, not kept", kept.size(),
                    accepted));
        }
        outcome.complete(new Outcome(groups.groups(), kept, groups.total(), accepted, cancelled, all));
    }

    private synchronized void fail(Throwable failure) {
        if (!outcome.isDone()) {
            outcome.completeExceptionally(failure instanceof BrokerException broker ? broker
                    : new BrokerException(Failures.sentence(failure), failure));
        }
    }

    /** The browse's subscriber: one batch at a time, the next asked for once this one is counted. */
    private final class Reader implements Flow.Subscriber<MessageBatch> {

        @Override
        public void onSubscribe(Flow.Subscription given) {
            subscription = given;
            if (cancelled) {
                given.cancel();
            } else {
                given.request(1);
            }
        }

        @Override
        public void onNext(MessageBatch batch) {
            read(batch);
            if (!cancelled) {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable failure) {
            fail(failure);
        }

        @Override
        public void onComplete() {
            finish();
        }
    }
}
