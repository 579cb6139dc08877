package dev.flowdeck.core.telemetry;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.ForwardingConnection;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.MessageBatch;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import java.util.Objects;
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
public final class TracedConnection extends ForwardingConnection {

    private static final Tracer OFF = TracerProvider.noop().get(TelemetryAttributes.SCOPE);

    private final Tracer tracer;

    private TracedConnection(BrokerConnection connection, Tracer tracer) {
        super(connection);
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
}
