package dev.flowdeck.connectors.rabbitmq;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.http.client.Client;
import com.rabbitmq.http.client.ClientParameters;
import com.rabbitmq.http.client.JdkHttpClientHttpLayer;
import com.rabbitmq.http.client.domain.OverviewResponse;
import com.rabbitmq.http.client.domain.QueueInfo;
import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.broker.Capabilities;
import dev.flowdeck.core.broker.ClusterOverview;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Credentials;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.decode.ContentDecoding;
import dev.flowdeck.core.profile.AmqpAddress;
import dev.flowdeck.core.broker.QueueHold;
import dev.flowdeck.core.broker.QueueType;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.PartitionOffsets;
import dev.flowdeck.core.browse.NoSubscription;
import dev.flowdeck.core.browse.SingleUsePublisher;
import dev.flowdeck.core.concurrent.NamedThreadFactory;
import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.offsets.OffsetResetPlan;
import dev.flowdeck.core.offsets.OffsetResetTarget;
import dev.flowdeck.core.publish.OutgoingMessage;
import dev.flowdeck.core.publish.PublishReceipt;
import dev.flowdeck.core.publish.ReadOnlyProfileException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;

/**
 * A RabbitMQ broker behind the broker API: AMQP 0-9-1 for browsing and publishing, the management HTTP API
 * (through the official Java client) for listing and counts.
 *
 * <p>Threads: the management client and AMQP calls block, so they run on this connection's own threads
 * ({@code flowdeck-rabbit-io}); each browse gets a thread and a channel of its own. Every stage completes on a
 * connector thread. One AMQP connection, opened on first use, carries all channels; automatic recovery is off, so
 * a dropped connection fails what was running (and the broker requeues whatever a browse held) instead of
 * silently resuming it.
 */
public final class RabbitBrokerConnection implements BrokerConnection {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ConnectionProfile profile;
    private final RabbitEndpoint endpoint;
    private final Client management;
    private final SSLContext tls;
    private final ExecutorService io =
            Executors.newThreadPerTaskExecutor(new NamedThreadFactory("flowdeck-rabbit-io"));
    private final Set<AmqpBrowse> activeBrowses = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ContentDecoding content = ContentDecoding.PLAIN;
    private Connection amqp;
    private RabbitPublisher publisher;
    private int serverMajor = -1;

    private RabbitBrokerConnection(ConnectionProfile profile, RabbitEndpoint endpoint, Client management,
                                   SSLContext tls) {
        this.profile = profile;
        this.endpoint = endpoint;
        this.management = management;
        this.tls = tls;
    }

    /**
     * Opens a connection. Nothing is contacted yet: the first call does, and fails with an operator-readable
     * {@link BrokerException}. A malformed address fails here.
     */
    public static RabbitBrokerConnection open(ConnectionProfile profile, Credentials credentials) {
        RabbitEndpoint endpoint = RabbitEndpoint.of(profile, credentials);
        SSLContext tls = endpoint.tls() || endpoint.managementUrl().startsWith("https") ? RabbitTls.context(profile)
                : null;
        try {
            // HTTP/1.1 (the API refuses the JDK's h2c upgrade on some calls) and timeouts, so a dead host is said
            // within 10 s instead of never.
            var http = JdkHttpClientHttpLayer.configure()
                    .clientBuilderConsumer(builder -> {
                        builder.version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT);
                        if (tls != null) {
                            builder.sslContext(tls);
                        }
                    })
                    // A request consumer of our own replaces the client's, which added the credentials: add them.
                    .requestBuilderConsumer(request -> request.timeout(TIMEOUT).header("Authorization",
                            JdkHttpClientHttpLayer.authorization(endpoint.credentials().username(),
                                    endpoint.credentials().password())))
                    .create();
            var management = new Client(new ClientParameters()
                    .url(endpoint.managementUrl())
                    .username(endpoint.credentials().username())
                    .password(endpoint.credentials().password())
                    .httpLayerFactory(http));
            return new RabbitBrokerConnection(profile, endpoint, management, tls);
        } catch (Exception e) {
            throw new BrokerException("'" + AmqpAddress.masked(endpoint.managementUrl())
                    + "' is not a usable management API URL: " + Failures.firstLine(e), e);
        }
    }

    /**
     * Reads values by their {@code content_type} and {@code content_encoding} with {@code decoding} in every browse
     * started from now on: the composition root gives one with the profile's Protobuf descriptor set. Without one,
     * gzip and deflate are inflated and text charsets read all the same ({@link ContentDecoding#PLAIN}).
     */
    public RabbitBrokerConnection decodingValuesWith(ContentDecoding decoding) {
        this.content = java.util.Objects.requireNonNull(decoding, "decoding");
        return this;
    }

    @Override
    public BrokerKind kind() {
        return BrokerKind.RABBITMQ;
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.RABBITMQ;
    }

    @Override
    public CompletionStage<ClusterOverview> describeCluster() {
        return call(() -> {
            OverviewResponse overview = management.getOverview();
            return new ClusterOverview(overview.getClusterName(),
                    "RabbitMQ " + overview.getServerVersion() + " (Erlang " + overview.getErlangVersion() + ")",
                    management.getNodes().size());
        });
    }

    @Override
    public CompletionStage<List<Destination>> listDestinations() {
        return call(() -> new RabbitDestinationReader(management).read());
    }

    @Override
    public Flow.Publisher<MessageBatch> browse(BrowseRequest request) {
        return new SingleUsePublisher<>(subscriber -> {
            if (closed.get()) {
                subscriber.onSubscribe(NoSubscription.INSTANCE);
                subscriber.onError(new BrokerException("The connection to " + endpoint.display() + " was closed.",
                        null));
                return;
            }
            // The queue's type decides how it can be read; the subscription exists before that is known.
            var pending = new PendingBrowse(subscriber);
            subscriber.onSubscribe(pending);
            Runnable start = () -> {
                try {
                    QueueInfo queue = management.getQueue(endpoint.vhost(), request.destination());
                    if (queue == null) {
                        throw new BrokerException("Queue '" + request.destination() + "' does not exist in vhost '"
                                + endpoint.vhost() + "' on " + endpoint.display() + ".", null);
                    }
                    QueueType type = QueueType.fromManagementName(queue.getType());
                    if (type != QueueType.STREAM) {
                        QueueBrowseRisks.refuseIfUnsafe(queue, serverMajorVersion());
                    }
                    AmqpBrowse browse = type == QueueType.STREAM
                            ? new StreamBrowse(amqp(), request, subscriber, activeBrowses::remove, endpoint,
                                    queue.getTotalMessages())
                            : new QueueBrowse(amqp(), request, subscriber, activeBrowses::remove, endpoint);
                    browse.readingValuesWith(content);
                    activeBrowses.add(browse);
                    if (pending.handOver(browse)) {
                        browse.run();
                    } else {
                        activeBrowses.remove(browse);
                    }
                } catch (Exception e) {
                    pending.fail(RabbitErrors.explain(e, endpoint));
                }
            };
            try {
                io.execute(start);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                pending.fail(new BrokerException("The connection to " + endpoint.display() + " was closed.", null));
            }
        });
    }

    /** A queue is one "partition": its depth, from 0, as the management API last counted it. */
    @Override
    public CompletionStage<List<PartitionOffsets>> partitionOffsets(String queue) {
        return call(() -> {
            QueueInfo info = management.getQueue(endpoint.vhost(), queue);
            if (info == null) {
                throw new BrokerException("Queue '" + queue + "' does not exist in vhost '" + endpoint.vhost()
                        + "' on " + endpoint.display() + ".", null);
            }
            return List.of(new PartitionOffsets(0, 0, Math.max(0, info.getTotalMessages())));
        });
    }

    /** The broker's major version, asked once: quorum queues changed their delivery limits in 4.0. */
    private synchronized int serverMajorVersion() {
        if (serverMajor < 0) {
            String version = management.getOverview().getServerVersion();
            serverMajor = version == null ? 0 : Integer.parseInt(version.replaceAll("^(\\d+).*", "$1"));
        }
        return serverMajor;
    }

    /** Each queue as the group of its consumers (see {@link RabbitQueueLag}): RabbitMQ has no consumer groups. */
    @Override
    public CompletionStage<List<ConsumerGroupLag>> consumerGroups() {
        return call(() -> new RabbitQueueLag(management).read());
    }

    @Override
    public CompletionStage<OffsetResetPlan> previewOffsetReset(String group, OffsetResetTarget target) {
        return CompletableFuture.failedFuture(noOffsetsToReset());
    }

    @Override
    public CompletionStage<OffsetResetPlan> resetOffsets(OffsetResetPlan plan) {
        return CompletableFuture.failedFuture(noOffsetsToReset());
    }

    private static BrokerException noOffsetsToReset() {
        return new BrokerException("RabbitMQ queues have no offsets to reset: a queue forgets a message once a "
                + "consumer acknowledges it, and a stream's consumers keep their own offsets. To process messages "
                + "again, publish them again.", null);
    }

    @Override
    public CompletionStage<PublishReceipt> publish(OutgoingMessage message) {
        if (profile.readOnly()) {
            return CompletableFuture.failedFuture(new ReadOnlyProfileException(profile.name(),
                    "publishing to exchange '" + message.destination() + "'"));
        }
        if (closed.get()) {
            return CompletableFuture.failedFuture(
                    new BrokerException("The connection to " + endpoint.display() + " was closed.", null));
        }
        // Opening the channel (and the connection) blocks, so it happens on the io threads; once open, a publish
        // only queues the message.
        RabbitPublisher open = openPublisher();
        CompletionStage<RabbitPublisher> ready = open != null ? CompletableFuture.completedFuture(open)
                : call(this::publisher);
        return ready.thenCompose(publisher -> publisher.publish(message))
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(
                        RabbitErrors.explain(failure, endpoint)));
    }

    private synchronized RabbitPublisher openPublisher() {
        return publisher != null && publisher.isOpen() ? publisher : null;
    }

    /**
     * A hold on a classic or quorum queue's messages (see {@link RabbitQueueHold}) on a channel of its own; closing
     * this connection closes it, and the broker puts back whatever it held.
     */
    @Override
    public QueueHold hold(String queue) {
        return new RabbitQueueHold(queue, () -> amqp().createChannel(), io, endpoint,
                profile.readOnly() ? profile.name() : null);
    }

    private synchronized RabbitPublisher publisher() throws Exception {
        if (publisher == null || !publisher.isOpen()) {
            publisher = new RabbitPublisher(amqp().createChannel(), TIMEOUT, io);
        }
        return publisher;
    }

    private synchronized Connection amqp() throws Exception {
        if (closed.get()) {
            throw new BrokerException("The connection to " + endpoint.display() + " was closed.", null);
        }
        if (amqp == null || !amqp.isOpen()) {
            var factory = new ConnectionFactory();
            // Host and port by hand: setUri("amqps://...") would install a trust-everything manager.
            factory.setHost(endpoint.host());
            factory.setPort(endpoint.port());
            factory.setVirtualHost(endpoint.vhost());
            factory.setUsername(endpoint.credentials().username());
            factory.setPassword(endpoint.credentials().password());
            factory.setConnectionTimeout((int) TIMEOUT.toMillis());
            factory.setHandshakeTimeout((int) TIMEOUT.toMillis());
            factory.setAutomaticRecoveryEnabled(false);
            factory.setTopologyRecoveryEnabled(false);
            if (endpoint.tls()) {
                factory.useSslProtocol(tls);
                factory.enableHostnameVerification();
            }
            amqp = factory.newConnection(io, "flowdeck");
        }
        return amqp;
    }

    private <T> CompletionStage<T> call(Callable<T> blocking) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(
                    new BrokerException("The connection to " + endpoint.display() + " was closed.", null));
        }
        var result = new CompletableFuture<T>();
        io.execute(() -> {
            try {
                result.complete(blocking.call());
            } catch (Exception e) {
                result.completeExceptionally(RabbitErrors.explain(e, endpoint));
            }
        });
        return result;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            activeBrowses.forEach(AmqpBrowse::cancel);
            synchronized (this) {
                if (amqp != null && amqp.isOpen()) {
                    try {
                        amqp.close((int) TIMEOUT.toMillis());
                    } catch (Exception e) {
                        amqp.abort();
                    }
                }
            }
            io.shutdown();
        }
    }
}
