package dev.flowdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Credentials;
import dev.flowdeck.profiles.ProfileRepository;
import dev.flowdeck.profiles.SessionSecretStore;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a command's cluster and credentials come from: options, saved profiles and their secrets. */
class TargetTest {

    @TempDir
    Path config;
    private final SessionSecretStore keychain = new SessionSecretStore();

    @Test
    void aBootstrapListIsAPlainKafkaCluster() {
        var options = new TargetOptions();
        options.bootstrapServers = " kafka-1:9092,kafka-2:9092 ";
        Target target = Target.of(options, CliRun.cli().environment(nowhere(), nowhere()));
        assertThat(target.profile().kind()).isEqualTo(BrokerKind.KAFKA);
        assertThat(target.profile().address()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(target.credentials()).isEqualTo(Credentials.NONE);
    }

    @Test
    void aBootstrapListThatIsNotHostAndPortIsAUsageError() {
        for (String servers : new String[] {"kafka-1", "kafka-1:notaport", "kafka-1:9092,kafka-2", ":9092",
                "kafka-1:0", "kafka-1:70000", "kafka-1:9092,", "kafka 1:9092", "kafka-1:9092:9093"}) {
            var options = new TargetOptions();
            options.bootstrapServers = servers;
            assertThatThrownBy(() -> Target.of(options, CliRun.cli().environment(nowhere(), nowhere())))
                    .as(servers).isInstanceOf(UsageException.class)
                    .hasMessageStartingWith("--bootstrap-server takes HOST:PORT");
        }
        for (String servers : new String[] {"localhost:9092", "10.0.0.7:9092", "[::1]:9092",
                "kafka-1.eu.example:9093, kafka_2:9093"}) {
            var options = new TargetOptions();
            options.bootstrapServers = servers;
            assertThat(Target.of(options, CliRun.cli().environment(nowhere(), nowhere())).profile().address())
                    .isEqualTo(servers);
        }
    }

    @Test
    void anAmqpUserGetsThePasswordFromTheEnvironmentElseThePrompt() {
        var options = rabbit("amqp://ops@rabbit:5672/%2F", "http://rabbit:15672/api/");
        Target fromVariable = Target.of(options, CliRun.cli().env("FLOWDECK_PASSWORD", "from-env")
                .answering("typed").environment(nowhere(), nowhere()));
        assertThat(fromVariable.credentials()).isEqualTo(new Credentials("ops", "from-env"));
        assertThat(fromVariable.profile().address()).isEqualTo("amqp://rabbit:5672/%2F");
        assertThat(fromVariable.profile().clientProperties()).containsEntry("management.url",
                "http://rabbit:15672/api/");

        Target typed = Target.of(options, CliRun.cli().answering("typed").environment(nowhere(), nowhere()));
        assertThat(typed.credentials()).isEqualTo(new Credentials("ops", "typed"));

        Target withoutUser = Target.of(rabbit("amqp://rabbit/", null),
                CliRun.cli().answering("never asked").environment(nowhere(), nowhere()));
        assertThat(withoutUser.credentials()).as("the connector's guest").isEqualTo(Credentials.NONE);
    }

    @Test
    void aProfileBringsItsSecretsFromTheStore() {
        var repository = new ProfileRepository(config, keychain);
        repository.save(ConnectionProfile.kafka("Prod EU", "kafka:9093").withUsername("ops")
                .withProperties(Map.of("security.protocol", "SASL_SSL", "ssl.truststore.password", "changeit")),
                Map.of("password", "s3cret"));

        Target target = Target.of(profile("prod eu"), environment());
        assertThat(target.profile().name()).isEqualTo("Prod EU");
        assertThat(target.credentials()).isEqualTo(new Credentials("ops", "s3cret"));
        assertThat(target.profile().clientProperties()).containsEntry("ssl.truststore.password", "changeit")
                .containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void aProfileWithoutASavedPasswordFallsBackToTheEnvironment() {
        new ProfileRepository(config, keychain).save(ConnectionProfile.rabbitMq("billing", "amqp://rabbit/")
                .withUsername("billing-ro"), Map.of());
        Target target = Target.of(profile("billing"), CliRun.cli().configDirectory(config).secrets(keychain)
                .env("FLOWDECK_PASSWORD", "from-env").environment(nowhere(), nowhere()));
        assertThat(target.credentials()).isEqualTo(new Credentials("billing-ro", "from-env"));
    }

    @Test
    void anUnknownProfileListsTheSavedOnes() {
        var repository = new ProfileRepository(config, keychain);
        repository.save(ConnectionProfile.kafka("staging", "k:9092"), Map.of());
        repository.save(ConnectionProfile.kafka("prod", "k:9092"), Map.of());
        assertThatThrownBy(() -> Target.of(profile("qa"), environment())).isInstanceOf(UsageException.class)
                .hasMessage("No profile 'qa' in " + config + ". Saved profiles: 'prod', 'staging'.");
    }

    private CliEnvironment environment() {
        return CliRun.cli().configDirectory(config).secrets(keychain).environment(nowhere(), nowhere());
    }

    private static TargetOptions profile(String name) {
        var options = new TargetOptions();
        options.profile = name;
        return options;
    }

    private static TargetOptions rabbit(String uri, String management) {
        var options = new TargetOptions();
        options.rabbit = new TargetOptions.Rabbit();
        options.rabbit.uri = uri;
        options.rabbit.managementUrl = management;
        return options;
    }

    private static PrintStream nowhere() {
        return new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }
}
