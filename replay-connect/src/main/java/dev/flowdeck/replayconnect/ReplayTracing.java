package dev.flowdeck.replayconnect;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.telemetry.TelemetryAttributes;
import dev.flowdeck.core.telemetry.TracedConnection;
import dev.flowdeck.core.telemetry.WorkSpans;
import dev.flowdeck.replay.EventOutcome;
import dev.flowdeck.replay.Publisher;
import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replay.ReplayReport;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * One replay run as one span, "replay {replay id}", from its start to its report, with the report's counts; each
 * event's send is a child span made by the {@link TracedPublisher} it hands out. Wraps the run from outside, so
 * the runner and its journal know nothing of telemetry:
 *
 * <pre>{@code
 * ReplayTracing tracing = ReplayTracing.begin(connection, plan);
 * var services = new ReplayRunner.Services(tracing.publisher(new ConnectionPublisher(profile, connection)), ...);
 * CompletionStage<ReplayReport> report = tracing.endWhen(runner.start());
 * }</pre>
 */
public final class ReplayTracing {

    static final AttributeKey<Long> DELIVERED = AttributeKey.longKey("flowdeck.replay.delivered");
    static final AttributeKey<Long> ALREADY_THERE = AttributeKey.longKey("flowdeck.replay.already_delivered");
    static final AttributeKey<Long> FAILED = AttributeKey.longKey("flowdeck.replay.failed");
    static final AttributeKey<Long> HELD = AttributeKey.longKey("flowdeck.replay.held");
    static final AttributeKey<Long> EVENTS = AttributeKey.longKey("flowdeck.replay.events");
    static final AttributeKey<String> MODE = AttributeKey.stringKey("flowdeck.replay.mode");
    static final AttributeKey<List<String>> TARGETS = AttributeKey.stringArrayKey("flowdeck.replay.targets");

    private final Tracer tracer;
    private final BrokerKind kind;
    private final Span span;

    private ReplayTracing(Tracer tracer, BrokerKind kind, Span span) {
        this.tracer = tracer;
        this.kind = kind;
        this.span = span;
    }

    /** The run's span begins, with the tracer the target connection travels with (no-op while telemetry is off). */
    public static ReplayTracing begin(BrokerConnection target, ReplayPlan plan) {
        return begin(TracedConnection.tracer(target), target.kind(), plan);
    }

    public static ReplayTracing begin(Tracer tracer, BrokerKind kind, ReplayPlan plan) {
        Span span = tracer.spanBuilder("replay " + plan.id())
                .setAttribute(TelemetryAttributes.MESSAGING_SYSTEM, TelemetryAttributes.system(kind))
                .setAttribute(TracedPublisher.REPLAY_ID, plan.id())
                .setAttribute(MODE, plan.mode().name().toLowerCase(java.util.Locale.ROOT))
                .setAttribute(EVENTS, (long) plan.events().size())
                .setAttribute(TARGETS, plan.targets())
                .startSpan();
        return new ReplayTracing(tracer, kind, span);
    }

    /**
     * {@code publisher} with each send traced under this run's span; {@code publisher} itself while telemetry is
     * off. A tracer whose run span is not valid (the no-op tracer) makes no valid span for a send either, so each
     * send would read the dead letter's trace context and build a span only to throw it away: several objects
     * and header scans an event for nothing.
     */
    public Publisher publisher(Publisher publisher) {
        if (!span.getSpanContext().isValid()) {
            return publisher;
        }
        return new TracedPublisher(publisher, tracer, kind, Context.root().with(span));
    }

    /**
     * Ends the run's span with the report's counts when {@code report} completes; returns the report, completed
     * once the span has ended.
     */
    public CompletionStage<ReplayReport> endWhen(CompletionStage<ReplayReport> report) {
        return WorkSpans.endWhen(span, report, (ended, done) -> {
            if (!ended.isRecording()) {
                return; // telemetry off: five passes over 100,000 outcomes for attributes nobody keeps
            }
            ended.setAttribute(DELIVERED, done.count(EventOutcome.Kind.DELIVERED));
            ended.setAttribute(ALREADY_THERE, done.count(EventOutcome.Kind.ALREADY_DELIVERED));
            ended.setAttribute(FAILED, done.count(EventOutcome.Kind.FAILED));
            ended.setAttribute(HELD, done.count(EventOutcome.Kind.HELD));
            ended.setAttribute(TelemetryAttributes.OUTCOME, done.cancelled() ? "cancelled"
                    : done.complete() ? "completed" : "incomplete");
        });
    }
}
