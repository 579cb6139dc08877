package dev.flowdeck.views.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.mask.MaskRule;
import dev.flowdeck.core.profile.SecretProperties;
import org.junit.jupiter.api.Test;

class ConnectionFormTest {

    @Test
    void aSaslKafkaProfileKeepsItsSettingsAndHandsOverOnlyTheSecrets() {
        var form = new ConnectionForm();
        form.nameProperty().set("prod-eu");
        form.addressProperty().set(" kafka-1:9093 ");
        form.usernameProperty().set("ops");
        form.passwordProperty().set("p4ss");
        form.securityProtocolProperty().set("SASL_SSL");
        form.saslMechanismProperty().set("SCRAM-SHA-256");
        form.truststoreProperty().set("/etc/kafka/trust.p12");
        form.truststorePasswordProperty().set("trust-me");
        form.morePropertiesProperty().set("client.dns.lookup=use_all_dns_ips\nsasl.oauthbearer.client.secret=xyz\n");

        var profile = form.toProfile();

        assertThat(profile.address()).isEqualTo("kafka-1:9093");
        assertThat(profile.clientProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
                .containsEntry("ssl.truststore.location", "/etc/kafka/trust.p12")
                .containsEntry("client.dns.lookup", "use_all_dns_ips")
                .containsEntry("sasl.oauthbearer.client.secret", SecretProperties.IN_KEYCHAIN)
                .containsEntry("ssl.truststore.password", SecretProperties.IN_KEYCHAIN);
        assertThat(profile.toString()).doesNotContain("p4ss", "trust-me", "xyz");
        assertThat(form.secrets()).containsEntry("password", "p4ss").containsEntry("ssl.truststore.password", "trust-me")
                .containsEntry("sasl.oauthbearer.client.secret", "xyz");
    }

    @Test
    void editingAProfileShowsItsSettingsButNoSecret() {
        var original = new ConnectionForm();
        original.nameProperty().set("mq");
        original.kindProperty().set(BrokerKind.RABBITMQ);
        original.addressProperty().set("amqp://mq:5672/%2F");
        original.managementUrlProperty().set("https://mq:15671/api/");
        original.usernameProperty().set("ops");
        original.passwordProperty().set("secret");
        var saved = original.toProfile();

        var editing = ConnectionForm.editing(saved);

        assertThat(editing.managementUrlProperty().get()).isEqualTo("https://mq:15671/api/");
        assertThat(editing.passwordProperty().get()).isEmpty();
        assertThat(editing.secrets()).isEmpty();
        assertThat(editing.toProfile()).isEqualTo(saved);
    }

    @Test
    void editingWithoutRetypingKeepsTheStoredTlsPasswords() {
        var original = new ConnectionForm();
        original.nameProperty().set("tls");
        original.addressProperty().set("k:9093");
        original.securityProtocolProperty().set("SSL");
        original.truststoreProperty().set("/trust.p12");
        original.truststorePasswordProperty().set("trust-me");
        var saved = original.toProfile();
        assertThat(saved.clientProperties()).containsEntry("ssl.truststore.password", SecretProperties.IN_KEYCHAIN);

        var edited = ConnectionForm.editing(saved);
        edited.nameProperty().set("tls renamed");

        assertThat(edited.toProfile().clientProperties())
                .containsEntry("ssl.truststore.password", SecretProperties.IN_KEYCHAIN);
        assertThat(edited.secrets()).isEmpty();
    }

    @Test
    void aPasswordInARabbitMqUriGoesToTheSecretsNotTheProfile() {
        var form = new ConnectionForm();
        form.nameProperty().set("mq");
        form.kindProperty().set(BrokerKind.RABBITMQ);
        form.addressProperty().set("amqp://ops:hunter2@mq:5672/%2F");

        var profile = form.toProfile();

        assertThat(profile.address()).isEqualTo("amqp://mq:5672/%2F");
        assertThat(profile.username()).isEqualTo("ops");
        assertThat(profile.toString()).doesNotContain("hunter2");
        assertThat(form.secrets()).containsEntry("password", "hunter2");
    }

    @Test
    void aProductionProfileStartsReadOnly() {
        var form = new ConnectionForm();
        form.productionProperty().set(true);
        assertThat(form.readOnlyProperty().get()).isTrue();
    }

    @Test
    void importsAClientPropertiesFile() {
        var form = new ConnectionForm();
        form.nameProperty().set("staging");
        form.importClientProperties("""
                bootstrap.servers=stage-kafka:9092
                security.protocol=SASL_PLAINTEXT
                sasl.mechanism=PLAIN
                sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="svc" password="pw";
                """);

        assertThat(form.nameProperty().get()).isEqualTo("staging");
        assertThat(form.addressProperty().get()).isEqualTo("stage-kafka:9092");
        assertThat(form.usernameProperty().get()).isEqualTo("svc");
        assertThat(form.securityProtocolProperty().get()).isEqualTo("SASL_PLAINTEXT");
        assertThat(form.saslMechanismProperty().get()).isEqualTo("PLAIN");
        assertThat(form.secrets()).containsEntry("password", "pw");
    }

    @Test
    void saysWhatIsMissing() {
        var form = new ConnectionForm();
        assertThatThrownBy(form::toProfile).hasMessage("Give the connection a name.");
        form.nameProperty().set("x");
        assertThatThrownBy(form::toProfile).hasMessageStartingWith("Give the bootstrap servers");
    }

    @Test
    void maskingRulesAreEditedOneALineAndAWrongLineSaysWhichAndWhy() {
        var form = new ConnectionForm();
        form.nameProperty().set("payments");
        form.addressProperty().set("kafka:9092");
        form.maskingRulesProperty().set("$.card.number mask\n\n# e-mail addresses, correlatable\n$..email hash\n"
                + "header Authorization remove\n");
        form.mayRevealProperty().set(true);

        var profile = form.toProfile();

        assertThat(profile.masking().rules()).extracting(MaskRule::line)
                .containsExactly("$.card.number mask", "$..email hash", "header Authorization remove");
        assertThat(profile.masking().mayReveal()).isTrue();
        assertThat(profile.masking().maskTextPii()).isFalse();
        var edited = ConnectionForm.editing(profile);
        assertThat(edited.maskingRulesProperty().get())
                .isEqualTo("$.card.number mask\n$..email hash\nheader Authorization remove\n");
        assertThat(edited.toProfile().masking()).isEqualTo(profile.masking());

        form.maskingRulesProperty().set("$.card.number mask\n$.items[?(@.x)].iban mask");
        assertThatThrownBy(form::toProfile).hasMessageStartingWith("Masking rule 2: ")
                .hasMessageContaining("not a masking path");
    }
}
