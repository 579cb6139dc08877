package dev.flowdeck.sandbox.rabbit;

import dev.flowdeck.sandbox.LocalResources;
import dev.flowdeck.sandbox.SandboxException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway TLS identity for a private RabbitMQ node: a self-signed certificate for 127.0.0.1 and its key as PEM
 * files (made with openssl, which RabbitMQ's Debian package brings along), and a PKCS12 trust store holding the
 * certificate for clients (made with the JDK's keytool).
 *
 * @param port               the AMQPS port the node listens on
 * @param certificate        the PEM certificate
 * @param key                the PEM private key
 * @param truststore         PKCS12, the certificate only
 * @param truststorePassword its password
 */
public record RabbitTlsFiles(int port, Path certificate, Path key, Path truststore, String truststorePassword) {

    static RabbitTlsFiles create(Path dir) {
        Path certificate = dir.resolve("node-cert.pem");
        Path key = dir.resolve("node-key.pem");
        Path truststore = dir.resolve("node-truststore.p12");
        String password = UUID.randomUUID().toString();
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", key.toString(), "-out", certificate.toString()));
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(List.of(keytool, "-importcert", "-noprompt", "-alias", "rabbit", "-file", certificate.toString(),
                "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", password));
        return new RabbitTlsFiles(LocalResources.freeLoopbackPort(), certificate, key, truststore, password);
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new SandboxException(command.getFirst() + " failed: " + output);
            }
        } catch (IOException e) {
            throw new SandboxException("Could not run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted while making the node's certificate", e);
        }
    }
}
