package dev.flowdeck.sandbox.rabbit;

import dev.flowdeck.sandbox.LocalResources;
import dev.flowdeck.sandbox.SandboxException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private RabbitMQ node from Debian's {@code rabbitmq-server}: its own node name, AMQP, management and
 * distribution ports, and data, log and cookie in a temp directory, so it never meets the machine's own node.
 *
 * <p>The node runs under a small shell watchdog that this object owns: SIGTERM stops the node cleanly (about
 * 6 s), and if the JVM dies without stopping it, the watchdog stops the node and deletes its directory.
 */
public final class EmbeddedRabbitNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRabbitNode.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    public static final String USER = "guest";
    public static final String PASSWORD = "guest";

    private final Path dataDir;
    private final ProcessBuilder launcher;
    private Process watchdog;
    private final int amqpPort;
    private final int managementPort;
    private final String nodeName;
    private final Thread cleanupOnExit;
    private RabbitTlsFiles tls;

    private EmbeddedRabbitNode(Path dataDir, ProcessBuilder launcher, Process watchdog, int amqpPort,
                               int managementPort, String nodeName) {
        this.dataDir = dataDir;
        this.launcher = launcher;
        this.watchdog = watchdog;
        this.amqpPort = amqpPort;
        this.managementPort = managementPort;
        this.nodeName = nodeName;
        this.cleanupOnExit = Thread.ofPlatform().name("flowdeck-sandbox-rabbit-cleanup").unstarted(this::stop);
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    }

    /**
     * Starts a node and returns once its management API answers; installs RabbitMQ first where it is missing and
     * the user may (the test harness's way). Blocks for several seconds.
     */
    public static EmbeddedRabbitNode start() {
        return start(RabbitInstallation.findOrInstall());
    }

    /** Starts a node from the RabbitMQ scripts in {@code scripts}. Blocks for several seconds. */
    public static EmbeddedRabbitNode start(Path scripts) {
        return start(scripts, false);
    }

    /**
     * Starts a node with an AMQPS listener too, its certificate self-signed for 127.0.0.1 (see {@link #tls()}): for
     * the tests of TLS connections. Installs RabbitMQ where needed, like {@link #start()}.
     */
    public static EmbeddedRabbitNode startWithTls() {
        return start(RabbitInstallation.findOrInstall(), true);
    }

    private static EmbeddedRabbitNode start(Path scripts, boolean withTls) {
        Path dataDir = LocalResources.temporaryDirectory("flowdeck-rabbit-");
        int amqp = LocalResources.freeLoopbackPort();
        int management = LocalResources.freeLoopbackPort();
        int distribution = LocalResources.freeLoopbackPort();
        String node = "flowdeck-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost";
        String config = """
                listeners.tcp.default = 127.0.0.1:%d
                management.tcp.ip = 127.0.0.1
                management.tcp.port = %d
                log.console = false
                log.file.level = info
                """.formatted(amqp, management);
        RabbitTlsFiles tls = null;
        if (withTls) {
            tls = RabbitTlsFiles.create(dataDir);
            config += """
                    listeners.ssl.default = 127.0.0.1:%d
                    ssl_options.cacertfile = %s
                    ssl_options.certfile = %s
                    ssl_options.keyfile = %s
                    ssl_options.verify = verify_none
                    ssl_options.fail_if_no_peer_cert = false
                    """.formatted(tls.port(), tls.certificate(), tls.certificate(), tls.key());
        }
        LocalResources.write(dataDir.resolve("rabbitmq.conf"), config);
        LocalResources.write(dataDir.resolve("enabled_plugins"), "[rabbitmq_management].\n");

        var builder = new ProcessBuilder("/bin/sh", "-c", WATCHDOG,
                "flowdeck-rabbit-watchdog", scripts.resolve("rabbitmq-server").toString(),
                Long.toString(ProcessHandle.current().pid()), dataDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("node-console.log").toFile()));
        var env = builder.environment();
        env.put("HOME", dataDir.toString()); // the Erlang cookie lives here, private to this node
        env.put("RABBITMQ_NODENAME", node);
        env.put("RABBITMQ_DIST_PORT", Integer.toString(distribution));
        env.put("RABBITMQ_CONFIG_FILE", dataDir.resolve("rabbitmq.conf").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dataDir.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_MNESIA_BASE", dataDir.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", dataDir.resolve("log").toString());
        env.put("RABBITMQ_PID_FILE", dataDir.resolve("node.pid").toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SandboxException("Could not start RabbitMQ: " + e.getMessage(), e);
        }
        var rabbit = new EmbeddedRabbitNode(dataDir, builder, process, amqp, management, node);
        rabbit.tls = tls;
        try {
            rabbit.awaitReady();
            return rabbit;
        } catch (RuntimeException e) {
            rabbit.close();
            throw e;
        }
    }

    /**
     * Runs the node in the background; stops it on SIGTERM, or when the JVM that started it is gone (then also
     * deletes the data directory). {@code sleep & wait} lets the trap fire at once.
     */
    private static final String WATCHDOG = """
            server="$1"; parent="$2"; data="$3"
            "$server" & node=$!
            trap 'kill -TERM $node 2>/dev/null; wait $node; exit 0' TERM INT
            while kill -0 $node 2>/dev/null; do
              if ! kill -0 $parent 2>/dev/null; then
                kill -TERM $node; wait $node; rm -rf "$data"; exit 0
              fi
              sleep 1 & wait $!
            done
            """;

    public String amqpUri() {
        return "amqp://" + USER + ":" + PASSWORD + "@127.0.0.1:" + amqpPort + "/%2F"; // %2F: the vhost "/"
    }

    public int amqpPort() {
        return amqpPort;
    }

    public String managementUri() {
        return "http://127.0.0.1:" + managementPort + "/api/";
    }

    /** The AMQPS listener and what a client needs to trust it; only for a node from {@link #startWithTls()}. */
    public RabbitTlsFiles tls() {
        if (tls == null) {
            throw new IllegalStateException("this node was started without TLS");
        }
        return tls;
    }

    public String nodeName() {
        return nodeName;
    }

    public synchronized boolean isRunning() {
        return watchdog.isAlive();
    }

    /**
     * Stops the node cleanly and keeps its data, as an operator's restart of the broker would: durable queues and
     * their persistent messages come back with {@link #startAgain()}, on the same ports. For fault tests.
     */
    public synchronized void stopKeepingData() {
        List<ProcessHandle> tree = Stream.concat(Stream.of(watchdog.toHandle()), watchdog.descendants()).toList();
        watchdog.destroy(); // the watchdog stops the node with SIGTERM and waits for it
        try {
            if (!watchdog.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("RabbitMQ node {} did not stop within {}; killing it", nodeName, STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
        tree.forEach(process -> process.onExit().join());
    }

    /** Starts the node stopped by {@link #stopKeepingData()} again, with its data; returns once it answers. */
    public synchronized void startAgain() {
        if (watchdog.isAlive()) {
            throw new IllegalStateException("RabbitMQ node " + nodeName + " is running");
        }
        try {
            watchdog = launcher.start();
        } catch (IOException e) {
            throw new SandboxException("Could not start RabbitMQ again: " + e.getMessage(), e);
        }
        awaitReady();
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException alreadyExiting) {
            // The JVM is shutting down and the hook is running or has run.
        }
    }

    private synchronized void stop() {
        List<ProcessHandle> tree = Stream.concat(Stream.of(watchdog.toHandle()), watchdog.descendants()).toList();
        if (watchdog.isAlive()) {
            watchdog.destroy();
            try {
                if (!watchdog.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("RabbitMQ node {} did not stop within {}; killing it", nodeName, STOP_TIMEOUT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Erlang helpers (epmd aside, which is shared) must not outlive the node.
        tree.forEach(ProcessHandle::destroyForcibly);
        LocalResources.deleteQuietly(dataDir);
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(managementUri() + "overview"))
                .header("Authorization", "Basic " + auth).timeout(Duration.ofSeconds(2)).build();
        while (true) {
            if (!watchdog.isAlive()) {
                throw new SandboxException("RabbitMQ node " + nodeName + " exited before it was ready. "
                        + "Its logs: " + dataDir.resolve("log") + "\n" + LocalResources.tail(dataDir.resolve("node-console.log"), 20));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    LOG.info("RabbitMQ node {} ready: AMQP on {}, management on {}", nodeName, amqpPort,
                            managementPort);
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxException("Interrupted while waiting for RabbitMQ", e);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new SandboxException("RabbitMQ node " + nodeName + " did not answer within " + START_TIMEOUT
                        + ". Its logs: " + dataDir.resolve("log"));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
    }
}
