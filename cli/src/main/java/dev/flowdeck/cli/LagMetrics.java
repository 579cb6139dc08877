package dev.flowdeck.cli;

import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.lag.GroupStatus;
import dev.flowdeck.core.lag.GroupVerdict;
import dev.flowdeck.core.lag.MonitorUpdate;
import dev.flowdeck.core.lag.PartitionVerdict;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.resources.Resource;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A watch's samples as OpenTelemetry metrics, sent to a collector over OTLP (http/protobuf) once per sample, so a
 * team can run the desktop's evaluation headless and alert on it with what it already has.
 *
 * <p>Every instrument is an asynchronous gauge read from the newest sample: a series exists only while the sample
 * has it, so a group or partition that goes away stops being exported instead of repeating its last value
 * forever, and an age that is not known is left out rather than sent as 0. Per-partition and per-group figures are
 * separate metrics, so summing a metric over its series never counts a group twice.
 *
 * <p>The status is a state set: one series per status, 1 for the group's current one and 0 for the others, so
 * {@code flowdeck.consumer.status{status="stalled"} == 1} is an alert rule, and a status change never leaves the
 * old one behind at 1.
 */
final class LagMetrics implements AutoCloseable {

    static final String SERVICE_NAME = "flowdeck-lag";
    static final String LAG = "flowdeck.consumer.lag";
    static final String GROUP_LAG = "flowdeck.consumer.group.lag";
    static final String TIME_LAG = "flowdeck.consumer.time_lag";
    static final String GROUP_TIME_LAG = "flowdeck.consumer.group.time_lag";
    static final String STATUS = "flowdeck.consumer.status";

    static final AttributeKey<String> GROUP = AttributeKey.stringKey("group");
    static final AttributeKey<String> TOPIC = AttributeKey.stringKey("topic");
    static final AttributeKey<Long> PARTITION = AttributeKey.longKey("partition");
    static final AttributeKey<String> STATUS_NAME = AttributeKey.stringKey("status");
    static final AttributeKey<String> CLUSTER = AttributeKey.stringKey("flowdeck.cluster");

    private static final long SHUTDOWN_SECONDS = 10;

    private final SdkMeterProvider provider;
    private final URI endpoint;
    private final Duration timeout;
    private final PrintStream err;
    private final AtomicReference<MonitorUpdate> newest = new AtomicReference<>();
    private boolean failing;

    private LagMetrics(SdkMeterProvider provider, URI endpoint, Duration timeout, PrintStream err) {
        this.provider = provider;
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.err = err;
    }

    /**
     * @param endpoint the collector's metrics URL ({@code http://collector:4318/v1/metrics})
     * @param cluster  the cluster's name, a resource attribute: one watch, one cluster
     * @param interval the watch's interval: an export may take at most that long (10 s at most), so a collector
     *                 that hangs cannot hold up the samples
     * @param err      where a collector that stops (or starts again) taking the metrics is reported, once each
     */
    static LagMetrics open(URI endpoint, String cluster, Duration interval, PrintStream err) {
        Duration timeout = interval.compareTo(Duration.ofSeconds(10)) < 0 ? interval : Duration.ofSeconds(10);
        OtlpHttpMetricExporter exporter = OtlpHttpMetricExporter.builder()
                .setEndpoint(endpoint.toString())
                .setTimeout(timeout)
                // No retries: the next sample brings fresher figures than a retry of this one would.
                .setRetryPolicy(null)
                .build();
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), SERVICE_NAME, CLUSTER, cluster)));
        SdkMeterProvider provider = SdkMeterProvider.builder()
                .setResource(resource)
                .registerMetricReader(new SampleMetricReader(exporter))
                .build();
        var metrics = new LagMetrics(provider, endpoint, timeout, err);
        metrics.instruments(provider.get("dev.flowdeck.cli"));
        return metrics;
    }

    private void instruments(Meter meter) {
        ObservableLongMeasurement lag = meter.gaugeBuilder(LAG).ofLongs().setUnit("{message}")
                .setDescription("Records written to the partition that the group has not consumed").buildObserver();
        ObservableLongMeasurement groupLag = meter.gaugeBuilder(GROUP_LAG).ofLongs().setUnit("{message}")
                .setDescription("Records the group has not consumed, over all its partitions").buildObserver();
        ObservableDoubleMeasurement timeLag = meter.gaugeBuilder(TIME_LAG).setUnit("s")
                .setDescription("How long the partition's oldest unconsumed record has waited; absent when unknown")
                .buildObserver();
        ObservableDoubleMeasurement groupTimeLag = meter.gaugeBuilder(GROUP_TIME_LAG).setUnit("s")
                .setDescription("How long the group's oldest unconsumed record has waited; absent when unknown")
                .buildObserver();
        ObservableLongMeasurement status = meter.gaugeBuilder(STATUS).ofLongs().setUnit("1")
                .setDescription("1 for the group's status (OK, warning, rewinding, stalled, stopped), 0 for the "
                        + "others")
                .buildObserver();
        meter.batchCallback(() -> {
            MonitorUpdate sample = newest.get();
            if (sample == null) {
                return;
            }
            for (GroupVerdict verdict : sample.verdicts()) {
                Attributes group = Attributes.of(GROUP, verdict.name());
                groupLag.record(verdict.lag(), group);
                verdict.timeLag().ifPresent(age -> groupTimeLag.record(seconds(age), group));
                for (GroupStatus each : GroupStatus.values()) {
                    status.record(each == verdict.status() ? 1 : 0,
                            group.toBuilder().put(STATUS_NAME, statusName(each)).build());
                }
                for (PartitionVerdict partition : verdict.partitions()) {
                    Attributes where = Attributes.of(GROUP, verdict.name(), TOPIC, partition.partition().topic(),
                            PARTITION, (long) partition.partition().partition());
                    lag.record(partition.lag(), where);
                    partition.timeLag().ifPresent(age -> timeLag.record(seconds(age), where));
                }
            }
        }, lag, groupLag, timeLag, groupTimeLag, status);
    }

    /** The {@code status} attribute's value: the status's name in lower case ({@code stalled}). */
    static String statusName(GroupStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static double seconds(Duration age) {
        return age.toMillis() / 1000.0;
    }

    /** Sends the sample now and waits for the collector's answer (at most the export timeout). */
    void export(MonitorUpdate sample) {
        newest.set(sample);
        CompletableResultCode sent = provider.forceFlush().join(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        if (sent.isSuccess() && failing) {
            failing = false;
            err.println("The metrics reach " + endpoint + " again.");
        } else if (!sent.isSuccess() && !failing) {
            failing = true;
            err.println("The metrics could not be sent to " + endpoint + " (" + why(sent)
                    + "); the watch goes on and tries again with every sample.");
        }
    }

    /** Why an export failed, in a few words: the exporter's own exceptions name classes, not causes. */
    private static String why(CompletableResultCode failed) {
        if (!failed.isDone()) {
            return "no answer in time";
        }
        Throwable failure = failed.getFailureThrowable();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "nothing answers there";
            }
            if (cause instanceof HttpTimeoutException) {
                return "no answer in time";
            }
        }
        if (failure == null || failure.getMessage() == null || failure.getMessage().isBlank()) {
            // An HTTP error: the exporter logs the collector's answer (java.util.logging, routed to SLF4J).
            return "the collector did not take them; java -Dflowdeck.log=INFO shows its answer";
        }
        return Failures.sentence(failure);
    }

    /** Closes the exporter; every sample was sent when it was taken. */
    @Override
    public void close() {
        provider.shutdown().join(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
    }
}
