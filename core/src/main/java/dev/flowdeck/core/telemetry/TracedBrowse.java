package dev.flowdeck.core.telemetry;

import static dev.flowdeck.core.telemetry.TelemetryAttributes.DESTINATION;
import static dev.flowdeck.core.telemetry.TelemetryAttributes.MATCHED;
import static dev.flowdeck.core.telemetry.TelemetryAttributes.MESSAGING_SYSTEM;
import static dev.flowdeck.core.telemetry.TelemetryAttributes.OPERATION_NAME;
import static dev.flowdeck.core.telemetry.TelemetryAttributes.OPERATION_TYPE;
import static dev.flowdeck.core.telemetry.TelemetryAttributes.OUTCOME;
import static dev.flowdeck.core.telemetry.TelemetryAttributes.SCANNED;

import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.MessageBatch;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One browse as one span, "browse {destination}": from the subscription to the end of the stream, its cancel or its
 * failure, with how much it scanned and matched. The span's parent is the context current where the browse was
 * asked for (an index run, a dead-letter scan), so a scan made of several browses shows as one tree.
 *
 * <p>Only the signals are watched: every batch passes through unchanged, on the connector's thread, and the span
 * costs two counters per batch.
 */
final class TracedBrowse implements Flow.Publisher<MessageBatch> {

    private final Flow.Publisher<MessageBatch> browse;
    private final Tracer tracer;
    private final BrokerKind kind;
    private final BrowseRequest request;
    private final Context parent;

    TracedBrowse(Flow.Publisher<MessageBatch> browse, Tracer tracer, BrokerKind kind, BrowseRequest request) {
        this.browse = browse;
        this.tracer = tracer;
        this.kind = kind;
        this.request = request;
        this.parent = Context.current(); // captured now: the subscriber may subscribe on another thread
    }

    @Override
    public void subscribe(Flow.Subscriber<? super MessageBatch> subscriber) {
        Span span = tracer.spanBuilder("browse " + request.destination())
                .setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(MESSAGING_SYSTEM, TelemetryAttributes.system(kind))
                .setAttribute(DESTINATION, request.destination())
                .setAttribute(OPERATION_NAME, "browse")
                .setAttribute(OPERATION_TYPE, "receive")
                .setAttribute("flowdeck.browse.follow", request.follow())
                .startSpan();
        browse.subscribe(new Watching<>(subscriber, span));
    }

    /** Passes every signal on and ends the span once, with the counts of the last batch seen. */
    private static final class Watching<T extends MessageBatch> implements Flow.Subscriber<T> {

        private final Flow.Subscriber<? super T> subscriber;
        private final Span span;
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile long scanned;
        private volatile long matched;

        Watching(Flow.Subscriber<? super T> subscriber, Span span) {
            this.subscriber = subscriber;
            this.span = span;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    subscription.request(n);
                }

                @Override
                public void cancel() {
                    subscription.cancel();
                    end("cancelled", null);
                }
            });
        }

        @Override
        public void onNext(T batch) {
            scanned = batch.scanned();
            matched = batch.matched();
            subscriber.onNext(batch);
        }

        @Override
        public void onError(Throwable failure) {
            end("failed", failure);
            subscriber.onError(failure);
        }

        @Override
        public void onComplete() {
            end("completed", null);
            subscriber.onComplete();
        }

        private void end(String outcome, Throwable failure) {
            if (!ended.compareAndSet(false, true)) {
                return; // a cancel after the end, or the end after a cancel: the first one tells
            }
            span.setAttribute(SCANNED, scanned);
            span.setAttribute(MATCHED, matched);
            span.setAttribute(OUTCOME, outcome);
            if (failure != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR, Failures.firstLine(failure));
            }
            span.end();
        }
    }
}
