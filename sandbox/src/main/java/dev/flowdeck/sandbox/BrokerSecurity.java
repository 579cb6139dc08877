package dev.flowdeck.sandbox;

import java.nio.file.Path;

/**
 * What a secured sandbox broker offers beside its open PLAINTEXT listener (which stays for the sandbox's own
 * clients and is the authorizer's super user): a SASL_PLAINTEXT listener with SCRAM-SHA-256 and PLAIN users, a
 * TLS listener with a fresh self-signed certificate, and ACLs enforced on both.
 *
 * @param saslBootstrap      the SASL_PLAINTEXT listener
 * @param tlsBootstrap       the SSL listener
 * @param truststore         a PKCS12 trust store holding the broker's certificate
 * @param truststorePassword its password
 */
public record BrokerSecurity(String saslBootstrap, String tlsBootstrap, Path truststore, String truststorePassword) {

    public static final String SCRAM_USER = "alice";
    public static final String SCRAM_PASSWORD = "alice-secret";
    public static final String PLAIN_USER = "bob";
    public static final String PLAIN_PASSWORD = "bob-secret";
}
