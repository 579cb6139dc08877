package dev.flowdeck.sandbox;

import java.util.List;

/** The server settings that turn the sandbox broker into a secured one (see {@link BrokerSecurity}). */
final class SecuredListeners {

    private SecuredListeners() {
    }

    record Ports(int sasl, int tls, int saslTls, int mutualTls) {
    }

    static String properties(String plain, int brokerPort, Ports ports, SelfSignedCertificate tls) {
        String listeners = ("PLAINTEXT://127.0.0.1:%d,SASL_PLAINTEXT://127.0.0.1:%d,SSL://127.0.0.1:%d,"
                + "SASL_SSL://127.0.0.1:%d,MTLS://127.0.0.1:%d")
                .formatted(brokerPort, ports.sasl(), ports.tls(), ports.saslTls(), ports.mutualTls());
        return plain
                .replace("listeners=PLAINTEXT://127.0.0.1:" + brokerPort + ",",
                        "listeners=" + listeners + ",")
                .replace("advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort,
                        "advertised.listeners=" + listeners)
                .replace("listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,"
                                + "SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL,SASL_SSL:SASL_SSL,MTLS:SSL")
                + """
                sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512,PLAIN
                listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=\\
                  org.apache.kafka.common.security.scram.ScramLoginModule required;
                listener.name.sasl_plaintext.plain.sasl.jaas.config=\\
                  org.apache.kafka.common.security.plain.PlainLoginModule required user_%1$s="%2$s";
                listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=\\
                  org.apache.kafka.common.security.scram.ScramLoginModule required;
                listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config=\\
                  org.apache.kafka.common.security.scram.ScramLoginModule required;
                listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=\\
                  org.apache.kafka.common.security.scram.ScramLoginModule required;
                listener.name.sasl_ssl.plain.sasl.jaas.config=\\
                  org.apache.kafka.common.security.plain.PlainLoginModule required user_%1$s="%2$s";
                listener.name.sasl_ssl.ssl.keystore.type=PKCS12
                listener.name.sasl_ssl.ssl.keystore.location=%3$s
                listener.name.sasl_ssl.ssl.keystore.password=%4$s
                listener.name.sasl_ssl.ssl.key.password=%4$s
                listener.name.ssl.ssl.keystore.type=PKCS12
                listener.name.ssl.ssl.keystore.location=%3$s
                listener.name.ssl.ssl.keystore.password=%4$s
                listener.name.ssl.ssl.key.password=%4$s
                listener.name.mtls.ssl.keystore.type=PKCS12
                listener.name.mtls.ssl.keystore.location=%3$s
                listener.name.mtls.ssl.keystore.password=%4$s
                listener.name.mtls.ssl.key.password=%4$s
                listener.name.mtls.ssl.truststore.type=PKCS12
                listener.name.mtls.ssl.truststore.location=%5$s
                listener.name.mtls.ssl.truststore.password=%4$s
                listener.name.mtls.ssl.client.auth=required
                authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
                super.users=User:ANONYMOUS;User:CN=flowdeck-operator
                allow.everyone.if.no.acl.found=false
                """.formatted(BrokerSecurity.PLAIN_USER, BrokerSecurity.PLAIN_PASSWORD,
                        tls.keystore().toString().replace('\\', '/'), tls.password(),
                        tls.clientTruststore().toString().replace('\\', '/'));
    }

    /** The SCRAM credential is written into the metadata log when the storage is formatted. */
    static List<String> formatArguments() {
        return List.of(
                "--add-scram", "SCRAM-SHA-256=[name=%s,password=%s]"
                        .formatted(BrokerSecurity.SCRAM_USER, BrokerSecurity.SCRAM_PASSWORD),
                "--add-scram", "SCRAM-SHA-512=[name=%s,password=%s]"
                        .formatted(BrokerSecurity.SCRAM_USER, BrokerSecurity.SCRAM_PASSWORD));
    }
}
