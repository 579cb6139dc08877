package dev.flowdeck.connectors.kafka;

import dev.flowdeck.core.browse.BatchCollector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Credentials;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.sandbox.BrokerSecurity;
import dev.flowdeck.sandbox.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Secured connections against a broker with SASL (SCRAM-SHA-256 and PLAIN) and TLS listeners and ACLs: each way
 * of getting in works, and each way of being kept out says why, within 10 s.
 */
class KafkaSecurityIT {

    private static EmbeddedKafkaBroker broker;
    private static BrokerSecurity security;
    private static ExecutorService worker;

    @BeforeAll
    static void startSecuredBroker() throws Exception {
        broker = EmbeddedKafkaBroker.startSecured();
        security = broker.security();
        worker = Executors.newFixedThreadPool(2);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("granted", 1, (short) 1), new NewTopic("forbidden", 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
            var granted = new ResourcePattern(ResourceType.TOPIC, "granted", PatternType.LITERAL);
            admin.createAcls(List.of(
                    allow(granted, "User:" + BrokerSecurity.SCRAM_USER, AclOperation.READ),
                    allow(granted, "User:" + BrokerSecurity.SCRAM_USER, AclOperation.DESCRIBE),
                    allow(granted, "User:" + BrokerSecurity.PLAIN_USER, AclOperation.DESCRIBE),
                    allow(granted, "User:ANONYMOUS", AclOperation.DESCRIBE)))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        worker.shutdownNow();
        broker.close();
    }

    @Test
    void scramUsersSeeWhatTheirAclsGrantAndAreToldWhatTheyMayNotRead() throws Exception {
        try (var connection = KafkaBrokerConnection.open(sasl("SCRAM-SHA-256"),
                new Credentials(BrokerSecurity.SCRAM_USER, BrokerSecurity.SCRAM_PASSWORD), worker)) {
            assertThat(connection.describeCluster().toCompletableFuture().get(15, TimeUnit.SECONDS).brokerCount())
                    .isEqualTo(1);
            assertThat(names(connection)).containsExactly("granted");

            var granted = BatchCollector.unbounded();
            connection.browse(BrowseRequest.fromBeginning("granted")).subscribe(granted);
            granted.done.get(20, TimeUnit.SECONDS);

            var forbidden = BatchCollector.unbounded();
            connection.browse(BrowseRequest.fromBeginning("forbidden")).subscribe(forbidden);
            assertThatThrownBy(() -> forbidden.done.get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(BrokerException.class)
                    .hasMessageContaining("may not");
        }
    }

    @Test
    void plainUsersGetInToo() throws Exception {
        try (var connection = KafkaBrokerConnection.open(sasl("PLAIN"),
                new Credentials(BrokerSecurity.PLAIN_USER, BrokerSecurity.PLAIN_PASSWORD), worker)) {
            assertThat(names(connection)).containsExactly("granted");
        }
    }

    @Test
    void aWrongPasswordIsSaidPlainlyWithinTenSeconds() {
        try (var connection = KafkaBrokerConnection.open(sasl("SCRAM-SHA-256"),
                new Credentials(BrokerSecurity.SCRAM_USER, "not-the-password"), worker)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> connection.describeCluster().toCompletableFuture().get(15, TimeUnit.SECONDS))
                    .cause().isInstanceOf(BrokerException.class).hasMessageContaining("refused the credentials");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void tlsWithTheBrokersTrustStoreConnects() throws Exception {
        var profile = ConnectionProfile.kafka("tls", security.tlsBootstrap()).withProperties(trusting());
        try (var connection = KafkaBrokerConnection.open(profile, worker)) {
            assertThat(connection.describeCluster().toCompletableFuture().get(15, TimeUnit.SECONDS).brokerCount())
                    .isEqualTo(1);
        }
    }

    @Test
    void scramSha512OverSaslSsl() throws Exception {
        Map<String, String> properties = new java.util.HashMap<>(trusting());
        properties.put("security.protocol", "SASL_SSL");
        properties.put("sasl.mechanism", "SCRAM-SHA-512");
        var profile = ConnectionProfile.kafka("sasl-ssl", security.saslTlsBootstrap()).withProperties(properties);
        try (var connection = KafkaBrokerConnection.open(profile,
                new Credentials(BrokerSecurity.SCRAM_USER, BrokerSecurity.SCRAM_PASSWORD), worker)) {
            assertThat(names(connection)).containsExactly("granted");
        }
    }

    @Test
    void mutualTlsWithAClientCertificateSeesEverythingItsPrincipalMay() throws Exception {
        Map<String, String> properties = new java.util.HashMap<>(trusting());
        properties.put("ssl.keystore.type", "PKCS12");
        properties.put("ssl.keystore.location", security.clientKeystore().toString());
        properties.put("ssl.keystore.password", security.password());
        var withCertificate = ConnectionProfile.kafka("mtls", security.mutualTlsBootstrap()).withProperties(properties);
        try (var connection = KafkaBrokerConnection.open(withCertificate, worker)) {
            assertThat(names(connection)).contains("granted", "forbidden"); // the certificate's user is a super user
        }

        var withoutCertificate = ConnectionProfile.kafka("no-cert", security.mutualTlsBootstrap())
                .withProperties(trusting());
        try (var connection = KafkaBrokerConnection.open(withoutCertificate, worker)) {
            assertThatThrownBy(() -> connection.describeCluster().toCompletableFuture().get(15, TimeUnit.SECONDS))
                    .cause().isInstanceOf(BrokerException.class).hasMessageContaining("TLS handshake");
        }
    }

    private static Map<String, String> trusting() {
        return Map.of(
                "security.protocol", "SSL",
                "ssl.truststore.type", "PKCS12",
                "ssl.truststore.location", security.truststore().toString(),
                "ssl.truststore.password", security.password());
    }

    @Test
    void tlsWithoutTrustingTheBrokerFailsAsATlsProblemWithinTenSeconds() {
        var profile = ConnectionProfile.kafka("untrusted", security.tlsBootstrap())
                .withProperties(Map.of("security.protocol", "SSL"));
        try (var connection = KafkaBrokerConnection.open(profile, worker)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> connection.describeCluster().toCompletableFuture().get(15, TimeUnit.SECONDS))
                    .cause().isInstanceOf(BrokerException.class)
                    .hasMessageStartingWith("The TLS handshake with " + security.tlsBootstrap() + " failed");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    private static ConnectionProfile sasl(String mechanism) {
        return ConnectionProfile.kafka("secured", security.saslBootstrap())
                .withProperties(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", mechanism));
    }

    private static List<String> names(KafkaBrokerConnection connection) throws Exception {
        return connection.listDestinations().toCompletableFuture().get(15, TimeUnit.SECONDS).stream()
                .map(Destination::name).toList();
    }

    private static AclBinding allow(ResourcePattern pattern, String principal, AclOperation operation) {
        return new AclBinding(pattern, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
