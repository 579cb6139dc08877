package dev.flowdeck.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.broker.BrokerKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void opensTheSandboxByDefault() {
        var options = LaunchOptions.parse(List.of());

        assertThat(options.sandbox()).isTrue();
        assertThat(options.sandboxSettings().ordersPerSecond()).isEqualTo(4.0);
    }

    @Test
    void toleratesTheEmptyArgumentMavenPasses() {
        assertThat(LaunchOptions.parse(List.of("")).sandbox()).isTrue();
    }

    @Test
    void connectsToAnOwnClusterNamedByItsAddressOrAName() {
        var byAddress = LaunchOptions.parse(List.of("--bootstrap-server", "kafka-1:9092,kafka-2:9092"));
        var named = LaunchOptions.parse(List.of("--bootstrap-server=kafka:9092", "--name", "prod-eu"));

        assertThat(byAddress.profile().address()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(byAddress.profile().kind()).isEqualTo(BrokerKind.KAFKA);
        assertThat(byAddress.profile().name()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(named.profile().address()).isEqualTo("kafka:9092");
        assertThat(named.profile().name()).isEqualTo("prod-eu");
    }

    @Test
    void connectsToAnOwnRabbitMqWithItsManagementApi() {
        var options = LaunchOptions.parse(List.of("--amqp-uri", "amqp://mq:5672/shop", "--management-url",
                "http://mq:15672/api/"));

        assertThat(options.profile().kind()).isEqualTo(BrokerKind.RABBITMQ);
        assertThat(options.profile().address()).isEqualTo("amqp://mq:5672/shop");
        assertThat(options.profile().clientProperties()).containsEntry("management.url", "http://mq:15672/api/");
        var withUser = LaunchOptions.parse(List.of("--amqp-uri", "amqp://ops:pw@mq:5672/shop"));
        assertThat(withUser.profile().address()).isEqualTo("amqp://mq:5672/shop");
        assertThat(withUser.profile().username()).isEqualTo("ops");
        assertThat(withUser.profile().toString()).doesNotContain("pw@");
        assertThat(withUser.credentials().password()).isEqualTo("pw");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--amqp-uri", "amqp://mq/", "--bootstrap-server", "k:9092")))
                .hasMessageContaining("not both");
    }

    @Test
    void setsTheSandboxTrafficRate() {
        assertThat(LaunchOptions.parse(List.of("--orders-per-second", "12.5")).sandboxSettings().ordersPerSecond())
                .isEqualTo(12.5);
    }

    @Test
    void explainsMistakes() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--bootstrap")))
                .hasMessageStartingWith("Unknown option '--bootstrap'").hasMessageContaining("Usage:");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--bootstrap-server")))
                .hasMessageStartingWith("--bootstrap-server needs a value");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--bootstrap-server", "--name", "x")))
                .hasMessageStartingWith("--bootstrap-server needs a value");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--orders-per-second", "many")))
                .hasMessage("--orders-per-second needs a number, not 'many'");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--orders-per-second", "0")))
                .hasMessageContaining("orders per second");
    }

    @Test
    void lagSamplingIsSetInAnyOrderAndCheckedAsAWhole() {
        var options = LaunchOptions.parse(List.of("--lag-window", "10s", "--lag-interval=1s", "--lag-history", "2h"));
        assertThat(options.lag().interval()).isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(options.lag().window()).isEqualTo(java.time.Duration.ofSeconds(10));
        assertThat(options.lag().retention()).isEqualTo(java.time.Duration.ofHours(2));
        assertThat(LaunchOptions.parse(List.of()).lag()).isEqualTo(dev.flowdeck.core.lag.LagSettings.defaults());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LaunchOptions.parse(List.of("--lag-window", "10s")))
                .hasMessage("The window (10 s) must hold at least three samples of the interval (5 s).");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LaunchOptions.parse(List.of("--lag-interval", "soon")))
                .hasMessage("--lag-interval needs a span such as 5s, 2m or 24h, not 'soon'");
    }

    @Test
    void telemetryIsOffUnlessAnEndpointIsGivenByOptionOrEnvironment() {
        assertThat(LaunchOptions.parse(List.of()).otlpEndpoint()).isEmpty();
        assertThat(LaunchOptions.tracesEndpoint(LaunchOptions.parse(List.of()).otlpEndpoint(), java.util.Map.of())).isEmpty();
        assertThat(LaunchOptions.parse(List.of("--otlp-endpoint", "http://collector:4318")).otlpEndpoint())
                .contains(java.net.URI.create("http://collector:4318/v1/traces"));
        assertThat(LaunchOptions.parse(List.of("--otlp-endpoint=http://collector:4318/custom")).otlpEndpoint())
                .contains(java.net.URI.create("http://collector:4318/custom"));
        // The environment's base URL always gets the signal's path; the option wins over it.
        assertThat(LaunchOptions.tracesEndpoint(java.util.Optional.empty(),
                java.util.Map.of(dev.flowdeck.telemetry.OtlpAddress.ENVIRONMENT, "http://otel:4318/base/")))
                .contains(java.net.URI.create("http://otel:4318/base/v1/traces"));
        assertThat(LaunchOptions.tracesEndpoint(java.util.Optional.of(java.net.URI.create("http://mine:4318/v1/traces")),
                java.util.Map.of(dev.flowdeck.telemetry.OtlpAddress.ENVIRONMENT, "http://otel:4318")))
                .contains(java.net.URI.create("http://mine:4318/v1/traces"));
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--otlp-endpoint", "collector:4318")))
                .hasMessageContaining("--otlp-endpoint takes a collector's OTLP/HTTP address");
    }

    @Test
    void aSmokeTestWithoutAClusterOpensAnUnreachableOneNotTheSandbox() {
        var options = LaunchOptions.parse(List.of("--smoke-test"));

        assertThat(options.smokeTest()).isTrue();
        assertThat(options.sandbox()).isFalse();
        assertThat(options.profile().address()).isEqualTo(LaunchOptions.SMOKE_TEST_ADDRESS);
        assertThat(LaunchOptions.parse(List.of()).smokeTest()).isFalse();
    }

    @Test
    void aSmokeTestKeepsTheClusterItWasGiven() {
        var options = LaunchOptions.parse(List.of("--smoke-test", "--bootstrap-server", "kafka:9092"));

        assertThat(options.profile().address()).isEqualTo("kafka:9092");
    }

    @Test
    void takesASavedReplayPlanAsTheOsPassesIt() {
        var options = LaunchOptions.parse(List.of("/home/ops/replays/r-1.plan.json"));

        assertThat(options.planFile()).contains(java.nio.file.Path.of("/home/ops/replays/r-1.plan.json"));
        assertThat(options.sandbox()).isTrue();
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("notes.txt")))
                .hasMessageContaining("Unknown option 'notes.txt'");
    }
}
