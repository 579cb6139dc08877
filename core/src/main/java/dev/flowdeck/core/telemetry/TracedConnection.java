package dev.flowdeck.core.telemetry;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.broker.Capabilities;
import dev.flowdeck.core.broker.ClusterOverview;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.QueueHold;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.PartitionOffsets;
import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.offsets.OffsetResetPlan;
import dev.flowdeck.core.offsets.OffsetResetTarget;
import dev.flowdeck.core.publish.OutgoingMessage;
import dev.flowdeck.core.publish.PublishReceipt;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A connection whose browses are traced: the one place every scan begins (the browser's tabs, searches, exports,
 * the trace index, the dead-letter inbox, a replay's read-back), so a composition root that turns telemetry on
 * wraps each connection once and no view or view model knows about it.
 *
 * <p>The tracer travels with the connection: {@link #tracer(BrokerConnection)} hands it to core's longer runs (an
 * index run, a dead-letter scan) and to the replay's publisher, whose spans then sit above the browses they make.
 * A connection that is not wrapped gives the no-op tracer, so telemetry off changes nothing.
 */
public final class TracedConnection implements BrokerConnection {

    private static final Tracer OFF = TracerProvider.noop().get(TelemetryAttributes.SCOPE);

    private final BrokerConnection connection;
    private final Tracer tracer;

    private TracedConnection(BrokerConnection connection, Tracer tracer) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.tracer = Objects.requireNonNull(tracer, "tracer");
    }

    /** {@code connection} with its browses traced by {@code tracer}. */
    public static BrokerConnection wrap(BrokerConnection connection, Tracer tracer) {
        return new TracedConnection(connection, tracer);
    }

    /** The tracer a connection was wrapped with; the no-op tracer for any other connection. */
    public static Tracer tracer(BrokerConnection connection) {
        return connection instanceof TracedConnection traced ? traced.tracer : OFF;
    }

    /** The no-op tracer: what everything uses while telemetry is off. */
    public static Tracer off() {
        return OFF;
    }

    @Override
    public Flow.Publisher<MessageBatch> browse(BrowseRequest request) {
        return new TracedBrowse(connection.browse(request), tracer, connection.kind(), request);
    }

    @Override
    public BrokerKind kind() {
        return connection.kind();
    }

    @Override
    public Capabilities capabilities() {
        return connection.capabilities();
    }

    @Override
    public CompletionStage<ClusterOverview> describeCluster() {
        return connection.describeCluster();
    }

    @Override
    public CompletionStage<List<Destination>> listDestinations() {
        return connection.listDestinations();
    }

    @Override
    public CompletionStage<List<PartitionOffsets>> partitionOffsets(String destination) {
        return connection.partitionOffsets(destination);
    }

    @Override
    public CompletionStage<List<ConsumerGroupLag>> consumerGroups() {
        return connection.consumerGroups();
    }

    @Override
    public CompletionStage<PublishReceipt> publish(OutgoingMessage message) {
        return connection.publish(message);
    }

    @Override
    public CompletionStage<OffsetResetPlan> previewOffsetReset(String group, OffsetResetTarget target) {
        return connection.previewOffsetReset(group, target);
    }

    @Override
    public CompletionStage<OffsetResetPlan> resetOffsets(OffsetResetPlan plan) {
        return connection.resetOffsets(plan);
    }

    @Override
    public QueueHold hold(String queue) {
        return connection.hold(queue);
    }

    @Override
    public void close() {
        connection.close();
    }
}
