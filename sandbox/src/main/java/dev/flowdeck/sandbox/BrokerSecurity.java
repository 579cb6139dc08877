package dev.flowdeck.sandbox;

import java.nio.file.Path;

/**
 * What a secured sandbox broker offers beside its open PLAINTEXT listener (which stays for the sandbox's own
 * clients and is the authorizer's super user): SASL_PLAINTEXT (SCRAM-SHA-256, PLAIN), SSL, SASL_SSL
 * (SCRAM-SHA-512, PLAIN) and a mutual-TLS listener that demands a client certificate, with ACLs enforced on all.
 * The client certificate's principal ({@code User:CN=flowdeck-operator}) is a super user.
 *
 * @param saslBootstrap      the SASL_PLAINTEXT listener
 * @param tlsBootstrap       the SSL listener
 * @param saslTlsBootstrap   the SASL_SSL listener
 * @param mutualTlsBootstrap the SSL listener that requires a client certificate
 * @param truststore         a PKCS12 trust store holding the broker's certificate
 * @param clientKeystore     a PKCS12 key store with the client certificate the mutual-TLS listener accepts
 * @param password           the password of both stores
 */
public record BrokerSecurity(String saslBootstrap, String tlsBootstrap, String saslTlsBootstrap,
                             String mutualTlsBootstrap, Path truststore, Path clientKeystore, String password) {

    public static final String SCRAM_USER = "alice";
    public static final String SCRAM_PASSWORD = "alice-secret";
    public static final String PLAIN_USER = "bob";
    public static final String PLAIN_PASSWORD = "bob-secret";
}
