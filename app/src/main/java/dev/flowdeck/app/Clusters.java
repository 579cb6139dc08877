package dev.flowdeck.app;

import dev.flowdeck.connectors.kafka.KafkaBrokerConnection;
import dev.flowdeck.connectors.rabbitmq.RabbitBrokerConnection;
import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Credentials;
import dev.flowdeck.sandbox.RabbitSandbox;
import dev.flowdeck.sandbox.SandboxCluster;
import dev.flowdeck.sandbox.SandboxSettings;
import dev.flowdeck.schemas.AmqpProtobuf;
import dev.flowdeck.schemas.ProfileSchemas;
import dev.flowdeck.schemas.SchemaDecoder;
import dev.flowdeck.views.trace.TraceViewModel;
import java.util.Map;
import java.util.concurrent.Executor;

/** How each kind of cluster is opened: the one place that knows every connector and the sandbox. */
final class Clusters {

    private Clusters() {
    }

    static ClusterSession.Opened connect(ConnectionProfile profile, Credentials credentials, Executor worker) {
        return ClusterSession.Opened.connection(switch (profile.kind()) {
            // A profile naming a schema registry (or a descriptor set) has its Avro and Protobuf read into JSON.
            case KAFKA -> KafkaBrokerConnection.open(profile, credentials, worker)
                    .decodingValuesWith(SchemaDecoder.forProfile(profile));
            // Values read by their content type and encoding; Protobuf through the profile's descriptor set.
            case RABBITMQ -> RabbitBrokerConnection.open(profile, credentials)
                    .decodingValuesWith(AmqpProtobuf.forProfile(profile));
        }, profile);
    }

    /**
     * As {@link #connect(ConnectionProfile, Credentials, Executor)}, a Kafka connection's schemas registered in
     * {@code schemas} so its browsers can choose how a topic is read (saved through {@code store}), see a schema's
     * versions and produce in a schema.
     */
    static ClusterSession.Opened connect(ConnectionProfile profile, Credentials credentials, Executor worker,
                                         ClusterSchemas schemas, ProfileSchemas.FormatStore store) {
        if (profile.kind() != BrokerKind.KAFKA) {
            return connect(profile, credentials, worker);
        }
        var kafka = KafkaBrokerConnection.open(profile, credentials, worker);
        schemas.register(kafka, profile, KafkaBrokerConnection::decodingValuesWith, store);
        return ClusterSession.Opened.connection(kafka, profile);
    }

    static ClusterSession.Opened kafkaSandbox(String name, SandboxSettings settings, Executor worker,
                                              ClusterSchemas schemas) {
        SandboxCluster sandbox = SandboxCluster.start(settings);
        try {
            // The shop's business key is the order id in every event: "what happened to order X?" finds its chain.
            var profile = ConnectionProfile.kafka(name, sandbox.bootstrapServers()).asSandbox().withProperties(
                    Map.of(TraceViewModel.CORRELATION_KEYS, "header:correlation-id, $.orderId"));
            var kafka = KafkaBrokerConnection.open(profile, worker);
            // The sandbox is not a saved profile: a topic's format lasts the session.
            schemas.register(kafka, profile, KafkaBrokerConnection::decodingValuesWith,
                    ProfileSchemas.FormatStore.SESSION_ONLY);
            return new ClusterSession.Opened(kafka, profile, sandbox);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    static ClusterSession.Opened rabbitSandbox(String name, SandboxSettings settings) {
        RabbitSandbox sandbox = RabbitSandbox.start(settings);
        try {
            var profile = ConnectionProfile.rabbitMq(name, sandbox.amqpAddress())
                    .withProperties(Map.of("management.url", sandbox.managementUri())).asSandbox();
            return new ClusterSession.Opened(RabbitBrokerConnection.open(profile, Credentials.NONE), profile, sandbox);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }
}
