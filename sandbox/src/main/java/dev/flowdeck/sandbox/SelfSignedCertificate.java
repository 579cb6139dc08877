package dev.flowdeck.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway TLS identity for a secured sandbox broker, made with the JDK's own {@code keytool}: a key store
 * with a self-signed certificate for 127.0.0.1 and localhost, and a trust store holding that certificate.
 *
 * @param keystore   PKCS12, the broker's key and certificate
 * @param truststore PKCS12, the certificate only: what a client trusts
 * @param password   the password of both (random per broker)
 */
record SelfSignedCertificate(Path keystore, Path truststore, String password) {

    static SelfSignedCertificate create(Path dir) {
        String password = UUID.randomUUID().toString();
        Path keystore = dir.resolve("broker.p12");
        Path certificate = dir.resolve("broker.pem");
        Path truststore = dir.resolve("truststore.p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=IP:127.0.0.1,DNS:localhost",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", password, "-keypass", password);
        keytool("-exportcert", "-alias", "broker", "-keystore", keystore.toString(), "-storepass", password,
                "-rfc", "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(),
                "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", password);
        return new SelfSignedCertificate(keystore, truststore, password);
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
