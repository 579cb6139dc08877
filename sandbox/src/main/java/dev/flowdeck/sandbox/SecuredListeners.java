package dev.flowdeck.sandbox;

import java.util.List;

/** The server settings that turn the sandbox broker into a secured one (see {@link BrokerSecurity}). */
final class SecuredListeners {

    private SecuredListeners() {
    }

    static String properties(String plain, int brokerPort, int controllerPort, int saslPort, int tlsPort,
                             SelfSignedCertificate tls) {
        String listeners = "PLAINTEXT://127.0.0.1:%d,SASL_PLAINTEXT://127.0.0.1:%d,SSL://127.0.0.1:%d"
                .formatted(brokerPort, saslPort, tlsPort);
        return plain
                .replace("listeners=PLAINTEXT://127.0.0.1:" + brokerPort + ",",
                        "listeners=" + listeners + ",")
                .replace("advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort,
                        "advertised.listeners=" + listeners)
                .replace("listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,"
                                + "SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL")
                + """
                sasl.enabled.mechanisms=SCRAM-SHA-256,PLAIN
                listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=\\
                  org.apache.kafka.common.security.scram.ScramLoginModule required;
                listener.name.sasl_plaintext.plain.sasl.jaas.config=\\
                  org.apache.kafka.common.security.plain.PlainLoginModule required user_%s="%s";
                listener.name.ssl.ssl.keystore.type=PKCS12
                listener.name.ssl.ssl.keystore.location=%s
                listener.name.ssl.ssl.keystore.password=%s
                listener.name.ssl.ssl.key.password=%s
                authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
                super.users=User:ANONYMOUS
                allow.everyone.if.no.acl.found=false
                """.formatted(BrokerSecurity.PLAIN_USER, BrokerSecurity.PLAIN_PASSWORD,
                        tls.keystore().toString().replace('\\', '/'), tls.password(), tls.password());
    }

    /** The SCRAM credential is written into the metadata log when the storage is formatted. */
    static List<String> formatArguments() {
        return List.of("--add-scram", "SCRAM-SHA-256=[name=%s,password=%s]"
                .formatted(BrokerSecurity.SCRAM_USER, BrokerSecurity.SCRAM_PASSWORD));
    }
}
