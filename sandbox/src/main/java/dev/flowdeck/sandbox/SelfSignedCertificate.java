package dev.flowdeck.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Throwaway TLS identities for a secured sandbox broker, made with the JDK's own {@code keytool}: the broker's
 * self-signed certificate for 127.0.0.1 and localhost with a trust store holding it (what a client trusts), and a
 * client's self-signed certificate with a trust store the broker uses to accept it (mutual TLS).
 *
 * @param keystore         PKCS12, the broker's key and certificate
 * @param truststore       PKCS12, the broker's certificate only: what a client trusts
 * @param clientKeystore   PKCS12, a client's key and certificate, for mutual TLS
 * @param clientTruststore PKCS12, the client's certificate only: what the broker trusts on its mTLS listener
 * @param password         the password of all four (random per broker)
 */
record SelfSignedCertificate(Path keystore, Path truststore, Path clientKeystore, Path clientTruststore,
                             String password) {

    static SelfSignedCertificate create(Path dir) {
        String password = UUID.randomUUID().toString();
        Path keystore = dir.resolve("broker.p12");
        Path truststore = dir.resolve("truststore.p12");
        Path clientKeystore = dir.resolve("client.p12");
        Path clientTruststore = dir.resolve("client-truststore.p12");
        identity(dir, "broker", "CN=localhost", keystore, truststore, password);
        identity(dir, "client", "CN=flowdeck-operator", clientKeystore, clientTruststore, password);
        return new SelfSignedCertificate(keystore, truststore, clientKeystore, clientTruststore, password);
    }

    /** A key store with a self-signed certificate, and a trust store holding that certificate alone. */
    private static void identity(Path dir, String alias, String name, Path keystore, Path truststore, String password) {
        Path certificate = dir.resolve(alias + ".pem");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", name, "-ext", "SAN=IP:127.0.0.1,DNS:localhost",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", password, "-keypass", password);
        keytool("-exportcert", "-alias", alias, "-keystore", keystore.toString(), "-storepass", password,
                "-rfc", "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", alias, "-file", certificate.toString(),
                "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", password);
    }

    private static void keytool(String... args) {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        var command = new java.util.ArrayList<>(List.of(keytool));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new SandboxException("keytool " + args[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new SandboxException("Could not run keytool (" + keytool + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted while making the broker's certificate", e);
        }
    }
}
