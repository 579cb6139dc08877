package dev.flowdeck.connectors.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Credentials;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.QueueSummary;
import dev.flowdeck.core.browse.BatchCollector;
import dev.flowdeck.core.browse.BrowseRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** amqps:// with the profile's trust store, and a vhost other than "/". */
class RabbitTlsAndVhostIT {

    @Test
    void amqpsWithTheProfilesTrustStoreBrowsesAndWithoutItSaysTheHandshakeFailed() throws Exception {
        var tls = TestRabbit.node().tls();
        String queue = "tls-" + System.nanoTime();
        try (Channel channel = TestRabbit.channel()) {
            channel.queueDeclare(queue, true, false, false, null);
            channel.basicPublish("", queue, null, "over tls".getBytes(StandardCharsets.UTF_8));
        }
        var trusting = ConnectionProfile.rabbitMq("tls", "amqps://127.0.0.1:" + tls.port() + "/")
                .withProperties(Map.of("management.url", TestRabbit.node().managementUri(),
                        "ssl.truststore.location", tls.truststore().toString(),
                        "ssl.truststore.password", tls.truststorePassword()));
        try (var connection = RabbitBrokerConnection.open(trusting, Credentials.NONE)) {
            var collector = BatchCollector.unbounded();
            connection.browse(BrowseRequest.fromBeginning(queue)).subscribe(collector);
            collector.done.get(30, TimeUnit.SECONDS);
            assertThat(collector.messages()).extracting(m -> new String(m.value(), StandardCharsets.UTF_8))
                    .containsExactly("over tls");
        }

        var untrusting = trusting.withProperties(Map.of("management.url", TestRabbit.node().managementUri()));
        try (var connection = RabbitBrokerConnection.open(untrusting, Credentials.NONE)) {
            var collector = BatchCollector.unbounded();
            connection.browse(BrowseRequest.fromBeginning(queue)).subscribe(collector);
            assertThatThrownBy(() -> collector.done.get(30, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(BrokerException.class)
                    .hasMessageStartingWith("The TLS handshake with 127.0.0.1:" + tls.port() + " failed");
        }
    }

    @Test
    void aProfileForAnotherVhostListsAndBrowsesThere() throws Exception {
        String vhost = "shop-" + System.nanoTime();
        management("PUT", "vhosts/" + vhost, "{}");
        management("PUT", "permissions/" + vhost + "/guest", "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
        var factory = new ConnectionFactory();
        factory.setUri("amqp://guest:guest@127.0.0.1:" + TestRabbit.node().amqpPort() + "/" + vhost);
        try (var direct = factory.newConnection(); Channel channel = direct.createChannel()) {
            channel.queueDeclare("orders", true, false, false, null);
            channel.basicPublish("", "orders", null, "in the shop vhost".getBytes(StandardCharsets.UTF_8));
        }

        var profile = ConnectionProfile.rabbitMq("shop", "amqp://127.0.0.1:" + TestRabbit.node().amqpPort() + "/" + vhost)
                .withProperties(Map.of("management.url", TestRabbit.node().managementUri()));
        try (var connection = RabbitBrokerConnection.open(profile, Credentials.NONE)) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<Destination> all = connection.listDestinations().toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertThat(all).anySatisfy(d -> {
                    assertThat(d).isInstanceOf(QueueSummary.class);
                    assertThat(d.namespace()).isEqualTo(vhost);
                    assertThat(d.name()).isEqualTo("orders");
                });
            });
            var collector = BatchCollector.unbounded();
            connection.browse(BrowseRequest.fromBeginning("orders")).subscribe(collector);
            collector.done.get(30, TimeUnit.SECONDS);
            assertThat(collector.messages()).extracting(m -> new String(m.value(), StandardCharsets.UTF_8))
                    .containsExactly("in the shop vhost");
        }
    }

    private static void management(String method, String path, String body) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));
        var response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(TestRabbit.node().managementUri() + path))
                        .header("Authorization", auth).header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }
}
