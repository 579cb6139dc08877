package dev.flowdeck.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientPropertiesImportTest {

    @Test
    void takesTheAddressUserAndSettingsAndSeparatesEverySecret() {
        var imported = ClientPropertiesImport.parse("prod-eu", """
                bootstrap.servers=kafka-1:9093,kafka-2:9093
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\
                    username="ops-reader" password="s3cr3t!";
                ssl.truststore.location=/etc/kafka/truststore.jks
                ssl.truststore.password=trust-me
                """);

        var profile = imported.profile();
        assertThat(profile.name()).isEqualTo("prod-eu");
        assertThat(profile.address()).isEqualTo("kafka-1:9093,kafka-2:9093");
        assertThat(profile.username()).isEqualTo("ops-reader");
        assertThat(profile.clientProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.jks")
                .containsEntry("ssl.truststore.password", SecretProperties.IN_KEYCHAIN)
                .doesNotContainKey("sasl.jaas.config");
        assertThat(profile.toString()).doesNotContain("s3cr3t!", "trust-me");
        assertThat(imported.secrets()).containsEntry("password", "s3cr3t!")
                .containsEntry("ssl.truststore.password", "trust-me");
    }

    @Test
    void keepsAnUnusualJaasLoginWholeButSecret() {
        var imported = ClientPropertiesImport.parse("oauth", """
                bootstrap.servers=k:9092
                sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;
                """);

        assertThat(imported.profile().clientProperties())
                .containsEntry("sasl.jaas.config", SecretProperties.IN_KEYCHAIN);
        assertThat(imported.secrets()).containsKey("sasl.jaas.config");
    }

    @Test
    void needsABootstrapList() {
        assertThatThrownBy(() -> ClientPropertiesImport.parse("x", "security.protocol=SSL"))
                .hasMessageContaining("bootstrap.servers");
    }

    @Test
    void recognisesSecretPropertyNames() {
        assertThat(SecretProperties.isSecret("ssl.keystore.password")).isTrue();
        assertThat(SecretProperties.isSecret("ssl.key.password")).isTrue();
        assertThat(SecretProperties.isSecret("sasl.oauthbearer.client.credentials.client.secret")).isTrue();
        assertThat(SecretProperties.isSecret("ssl.truststore.location")).isFalse();
        assertThat(SecretProperties.isSecret("security.protocol")).isFalse();
    }
}
