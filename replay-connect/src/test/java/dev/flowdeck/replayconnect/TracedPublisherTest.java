package dev.flowdeck.replayconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.publish.OutgoingMessage;
import dev.flowdeck.core.publish.PublishReceipt;
import dev.flowdeck.core.telemetry.RecordedSpans;
import dev.flowdeck.core.telemetry.TelemetryAttributes;
import dev.flowdeck.core.telemetry.TracedConnection;
import dev.flowdeck.replay.EventOutcome;
import dev.flowdeck.replay.Provenance;
import dev.flowdeck.replay.Publisher;
import dev.flowdeck.replay.ReplayMode;
import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replay.ReplayReport;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A replayed event's trace: read from a real SDK tracer and the message the broker would have received. */
class TracedPublisherTest {

    private static final String ORIGINAL_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String ORIGINAL_SPAN = "00f067aa0ba902b7";

    private final RecordedSpans spans = new RecordedSpans();
    private final Recording broker = new Recording();

    @AfterEach
    void close() {
        spans.close();
    }

    @Test
    void aReplayedEventCarriesANewTraceparentWhoseSpanLinksToTheFailedEventsTrace() {
        var publisher = new TracedPublisher(broker, spans.tracer(), BrokerKind.KAFKA, Context.root());

        publisher.send(event(header("traceparent", "00-" + ORIGINAL_TRACE + "-" + ORIGINAL_SPAN + "-01"),
                header("tracestate", "vendor=1"), header("order", "42"))).toCompletableFuture().join();

        SpanData span = spans.named("replay orders");
        assertThat(span.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(span.getTraceId()).isNotEqualTo(ORIGINAL_TRACE);
        assertThat(span.getLinks()).singleElement().satisfies(link -> {
            assertThat(link.getSpanContext().getTraceId()).isEqualTo(ORIGINAL_TRACE);
            assertThat(link.getSpanContext().getSpanId()).isEqualTo(ORIGINAL_SPAN);
            assertThat(link.getAttributes().get(TracedPublisher.LINK_KIND)).isEqualTo("replayed from");
        });
        assertThat(span.getAttributes().get(TelemetryAttributes.MESSAGING_SYSTEM)).isEqualTo("kafka");
        assertThat(span.getAttributes().get(TelemetryAttributes.DESTINATION)).isEqualTo("orders");
        assertThat(span.getAttributes().get(TracedPublisher.REPLAY_ID)).isEqualTo("r-1");
        assertThat(span.getAttributes().get(TracedPublisher.REPLAYED_FROM)).isEqualTo("orders.DLT/0@7");
        assertThat(span.getAttributes().get(TracedPublisher.OFFSET)).isEqualTo(99);

        List<MessageHeader> sent = broker.sent.getFirst().headers();
        assertThat(values(sent, "traceparent"))
                .containsExactly("00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                        + span.getSpanContext().getTraceFlags().asHex());
        assertThat(span.getSpanContext().isSampled()).isTrue();
        assertThat(values(sent, "tracestate")).isEmpty(); // the old state belonged to the old trace
        // Everything else stays where it was: the provenance a read-back matches, the event's own headers.
        assertThat(sent).extracting(MessageHeader::name).containsSubsequence("order", Provenance.REPLAY_ID,
                Provenance.REPLAYED_FROM, "traceparent");
        assertThat(Provenance.isReplayOf(sent, "r-1", "orders.DLT/0@7")).isTrue();
    }

    @Test
    void anEventTracedWithB3GetsItsB3HeadersRenewedInTheSameForm() {
        var publisher = new TracedPublisher(broker, spans.tracer(), BrokerKind.RABBITMQ, Context.root());

        publisher.send(event(header("X-B3-TraceId", ORIGINAL_TRACE), header("X-B3-SpanId", ORIGINAL_SPAN),
                header("X-B3-Sampled", "1"))).toCompletableFuture().join();

        SpanData span = spans.named("replay orders");
        assertThat(span.getLinks()).extracting(link -> link.getSpanContext().getTraceId())
                .containsExactly(ORIGINAL_TRACE);
        List<MessageHeader> sent = broker.sent.getFirst().headers();
        assertThat(values(sent, "X-B3-TraceId")).containsExactly(span.getTraceId());
        assertThat(values(sent, "X-B3-SpanId")).containsExactly(span.getSpanId());
        assertThat(values(sent, "traceparent")).hasSize(1);
        assertThat(values(sent, "b3")).isEmpty();
    }

    @Test
    void anUntracedEventStartsANewTraceWithoutALink() {
        var publisher = new TracedPublisher(broker, spans.tracer(), BrokerKind.KAFKA, Context.root());

        publisher.send(event(header("order", "42"))).toCompletableFuture().join();

        SpanData span = spans.named("replay orders");
        assertThat(span.getLinks()).isEmpty();
        assertThat(span.getParentSpanContext().isValid()).isFalse();
        assertThat(values(broker.sent.getFirst().headers(), "traceparent")).hasSize(1);
    }

    @Test
    void aFailedSendEndsTheSpanWithTheError() {
        broker.failing = true;
        var publisher = new TracedPublisher(broker, spans.tracer(), BrokerKind.KAFKA, Context.root());

        CompletionStage<PublishReceipt> sent = publisher.send(event());

        assertThatThrownBy(() -> sent.toCompletableFuture().join()).hasRootCauseMessage("No broker answered");
        SpanData span = spans.named("replay orders");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getEvents()).extracting(event -> event.getName()).containsExactly("exception");
    }

    @Test
    void withTelemetryOffTheEventGoesExactlyAsPlanned() {
        var publisher = new TracedPublisher(broker, TracedConnection.off(), BrokerKind.KAFKA, Context.root());
        OutgoingMessage planned = event(header("traceparent", "00-" + ORIGINAL_TRACE + "-" + ORIGINAL_SPAN + "-01"));

        publisher.send(planned).toCompletableFuture().join();

        assertThat(broker.sent).containsExactly(planned);
        assertThat(spans.ended()).isEmpty();
    }

    @Test
    void withTelemetryOffARunHandsOutThePublisherItselfAndSendsAsPlanned() {
        var plan = new ReplayPlan("r-1", Instant.EPOCH, "orders.DLT", ReplayMode.COPY, 3, List.of(), List.of());
        ReplayTracing tracing = ReplayTracing.begin(TracedConnection.off(), BrokerKind.KAFKA, plan);
        OutgoingMessage planned = event(header("traceparent", "00-" + ORIGINAL_TRACE + "-" + ORIGINAL_SPAN + "-01"));

        Publisher publisher = tracing.publisher(broker);
        publisher.send(planned).toCompletableFuture().join();

        assertThat(publisher).isSameAs(broker);
        assertThat(broker.sent).containsExactly(planned);
        assertThat(spans.ended()).isEmpty();
    }

    @Test
    void aRunIsOneSpanOverItsEventsWithTheReportsCounts() {
        var plan = new ReplayPlan("r-1", Instant.EPOCH, "orders.DLT", ReplayMode.COPY, 3, List.of(), List.of());
        ReplayTracing tracing = ReplayTracing.begin(spans.tracer(), BrokerKind.KAFKA, plan);
        Publisher publisher = tracing.publisher(broker);
        var report = new CompletableFuture<ReplayReport>();
        tracing.endWhen(report);

        publisher.send(event()).toCompletableFuture().join();
        report.complete(new ReplayReport("r-1", false, List.of(
                new EventOutcome("orders.DLT/0@7", EventOutcome.Kind.DELIVERED, false, "")), Optional.empty()));

        SpanData run = spans.named("replay r-1");
        SpanData send = spans.named("replay orders");
        assertThat(send.getParentSpanId()).isEqualTo(run.getSpanId());
        assertThat(send.getTraceId()).isEqualTo(run.getTraceId());
        assertThat(run.getAttributes().get(ReplayTracing.DELIVERED)).isEqualTo(1);
        assertThat(run.getAttributes().get(ReplayTracing.FAILED)).isZero();
        assertThat(run.getAttributes().get(TelemetryAttributes.OUTCOME)).isEqualTo("completed");
        assertThat(run.getAttributes().get(ReplayTracing.MODE)).isEqualTo("copy");
    }

    private static OutgoingMessage event(MessageHeader... own) {
        List<MessageHeader> headers = new ArrayList<>(List.of(own));
        headers.add(header(Provenance.REPLAY_ID, "r-1"));
        headers.add(header(Provenance.REPLAYED_FROM, "orders.DLT/0@7"));
        return new OutgoingMessage("orders", OptionalInt.of(0), "42".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8), headers);
    }

    private static MessageHeader header(String name, String value) {
        return new MessageHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> values(List<MessageHeader> headers, String name) {
        return headers.stream().filter(header -> header.name().equals(name))
                .map(header -> new String(header.value(), StandardCharsets.UTF_8)).toList();
    }

    /** The broker as far as the publisher sees it: what was sent, confirmed at offset 99 unless told to fail. */
    private static final class Recording implements Publisher {
        final List<OutgoingMessage> sent = new ArrayList<>();
        boolean failing;

        @Override
        public String cluster() {
            return "test";
        }

        @Override
        public boolean readOnly() {
            return false;
        }

        @Override
        public CompletionStage<PublishReceipt> send(OutgoingMessage message) {
            sent.add(message);
            return failing ? CompletableFuture.failedFuture(new IllegalStateException("No broker answered"))
                    : CompletableFuture.completedFuture(new PublishReceipt(message.destination(), 0, 99));
        }
    }
}
