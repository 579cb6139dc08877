package dev.flowdeck.cli;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.util.Collection;

/**
 * Collects and exports when told to, and never on a timer of its own: the watch's samples set the pace, so each
 * sample is exported exactly once, right after it is taken. A periodic reader beside the sampling would drift
 * against it, sending some samples twice and others never. Called from one thread (the command's).
 */
final class SampleMetricReader implements MetricReader {

    private final MetricExporter exporter;
    private volatile CollectionRegistration registration = CollectionRegistration.noop();

    SampleMetricReader(MetricExporter exporter) {
        this.exporter = exporter;
    }

    @Override
    public void register(CollectionRegistration registration) {
        this.registration = registration;
    }

    /** Collects the instruments (their callbacks read the newest sample) and exports what they observed. */
    @Override
    public CompletableResultCode forceFlush() {
        Collection<MetricData> metrics = registration.collectAllMetrics();
        return metrics.isEmpty() ? CompletableResultCode.ofSuccess() : exporter.export(metrics);
    }

    /** The last sample was exported when it was taken: nothing is left to send, only the exporter to close. */
    @Override
    public CompletableResultCode shutdown() {
        return exporter.shutdown();
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
        return exporter.getAggregationTemporality(instrumentType);
    }

    @Override
    public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
        return exporter.getDefaultAggregation(instrumentType);
    }

    @Override
    public MemoryMode getMemoryMode() {
        return exporter.getMemoryMode();
    }
}
