package dev.flowdeck.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.ScriptedBrowses;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.deadletter.DeadLetterDecoder;
import dev.flowdeck.core.deadletter.DeadLetterScan;
import dev.flowdeck.core.trace.ChainIndex;
import dev.flowdeck.core.trace.CorrelationKeys;
import dev.flowdeck.core.trace.IndexWindow;
import dev.flowdeck.core.trace.Indexer;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Flowdeck's own spans of its scans, read from a real SDK tracer over scripted browses. */
class TracedConnectionTest {

    private final RecordedSpans spans = new RecordedSpans();
    private final ScriptedBrowses broker = new ScriptedBrowses();
    private final BrokerConnection traced = TracedConnection.wrap(broker, spans.tracer());

    @AfterEach
    void close() {
        spans.close();
    }

    @Test
    void aBrowseIsOneSpanWithWhatItScannedAndMatched() {
        broker.script("orders", ScriptedBrowses.End.COMPLETE, batch(10, 2), batch(25, 3));

        readToTheEnd(traced.browse(BrowseRequest.fromBeginning("orders")));

        SpanData span = spans.named("browse orders");
        assertThat(span.getAttributes().get(TelemetryAttributes.MESSAGING_SYSTEM)).isEqualTo("kafka");
        assertThat(span.getAttributes().get(TelemetryAttributes.DESTINATION)).isEqualTo("orders");
        assertThat(span.getAttributes().get(TelemetryAttributes.SCANNED)).isEqualTo(25);
        assertThat(span.getAttributes().get(TelemetryAttributes.MATCHED)).isEqualTo(3);
        assertThat(span.getAttributes().get(TelemetryAttributes.OUTCOME)).isEqualTo("completed");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void aFailedBrowseRecordsTheError() {
        broker.script("orders", ScriptedBrowses.End.FAIL, batch(4, 0));

        readToTheEnd(traced.browse(BrowseRequest.fromBeginning("orders")));

        SpanData span = spans.named("browse orders");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getStatus().getDescription()).contains("Broker went away");
        assertThat(span.getEvents()).extracting(event -> event.getName()).containsExactly("exception");
        assertThat(span.getAttributes().get(TelemetryAttributes.OUTCOME)).isEqualTo("failed");
    }

    @Test
    void anIndexRunHoldsTheBrowseOfEachDestination() {
        broker.script("orders", ScriptedBrowses.End.COMPLETE, batch(3, 0));
        broker.script("payments", ScriptedBrowses.End.COMPLETE, batch(2, 0));

        new Indexer(traced, Runnable::run).start(IndexWindow.everything(List.of("orders", "payments")),
                new ChainIndex(CorrelationKeys.DEFAULTS), progress -> { }).outcome().toCompletableFuture().join();

        SpanData run = spans.named("index trace chains");
        assertThat(run.getAttributes().get(TelemetryAttributes.SCANNED)).isEqualTo(5);
        assertThat(run.getAttributes().get(TelemetryAttributes.OUTCOME)).isEqualTo("completed");
        for (String browse : List.of("browse orders", "browse payments")) {
            assertThat(spans.named(browse).getParentSpanId()).isEqualTo(run.getSpanId());
            assertThat(spans.named(browse).getTraceId()).isEqualTo(run.getTraceId());
        }
    }

    @Test
    void aDeadLetterScanHoldsItsBrowseAndCountsTheGroups() {
        broker.script("orders.DLT", ScriptedBrowses.End.COMPLETE, new MessageBatch(List.of(
                letter(0, "timeout"), letter(1, "timeout"), letter(2, "bad json")), 3, 3, 3));

        DeadLetterScan.start(traced, "orders.DLT", DeadLetterDecoder.standard(), 10, letter -> true, progress -> { })
                .outcome().toCompletableFuture().join();

        SpanData scan = spans.named("scan dead letters orders.DLT");
        assertThat(scan.getAttributes().get(TelemetryAttributes.SCANNED)).isEqualTo(3);
        assertThat(scan.getAttributes().get(TelemetryAttributes.DESTINATION)).isEqualTo("orders.DLT");
        assertThat(spans.named("browse orders.DLT").getParentSpanId()).isEqualTo(scan.getSpanId());
    }

    @Test
    void aConnectionNotWrappedHasTheNoOpTracerAndItsBrowsesAreItsOwn() {
        assertThat(TracedConnection.tracer(broker).spanBuilder("x").startSpan().getSpanContext().isValid())
                .isFalse();
        assertThat(TracedConnection.tracer(traced)).isSameAs(spans.tracer());
    }

    private static MessageBatch batch(long scanned, long matched) {
        return new MessageBatch(List.of(), scanned, matched, -1);
    }

    private static BrowsedMessage letter(long offset, String error) {
        return new BrowsedMessage("orders.DLT", 0, offset, Instant.EPOCH.plusSeconds(offset), null,
                "{}".getBytes(), List.of(new dev.flowdeck.core.browse.MessageHeader("kafka_dlt-exception-message",
                error.getBytes())));
    }

    /** Requests everything and waits for the end: the scripted browse delivers on this thread. */
    private static void readToTheEnd(Flow.Publisher<MessageBatch> browse) {
        List<MessageBatch> read = new ArrayList<>();
        browse.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(MessageBatch batch) {
                read.add(batch);
            }

            @Override
            public void onError(Throwable failure) {
            }

            @Override
            public void onComplete() {
            }
        });
    }
}
