package dev.flowdeck.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker in a child JVM that this object owns: free loopback ports, data in a temp
 * directory that {@link #close()} removes. A child JVM keeps the broker's 300+ MB and its threads out of the app's
 * heap and lets a stop be a plain process exit.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final Path dataDir;
    private final List<String> formatArgs;
    private final String clusterId;
    private Process process;
    private final String bootstrapServers;
    private final Thread cleanupOnExit;
    private BrokerSecurity security;

    private EmbeddedKafkaBroker(Path dataDir, List<String> formatArgs, String clusterId, Process process,
                                String bootstrapServers) {
        this.dataDir = dataDir;
        this.formatArgs = formatArgs;
        this.clusterId = clusterId;
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.cleanupOnExit = Thread.ofPlatform().name("flowdeck-sandbox-broker-cleanup").unstarted(this::stopProcess);
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    }

    /** Starts a broker and returns once it answers an admin request. Blocks for seconds: not for the FX thread. */
    public static EmbeddedKafkaBroker start() {
        return start(false);
    }

    /**
     * Starts a broker that also has SASL and TLS listeners and enforces ACLs (see {@link BrokerSecurity}): for
     * the tests of secured connections.
     */
    public static EmbeddedKafkaBroker startSecured() {
        return start(true);
    }

    private static EmbeddedKafkaBroker start(boolean secured) {
        Path dataDir = LocalResources.temporaryDirectory("flowdeck-sandbox-");
        int brokerPort = LocalResources.freeLoopbackPort();
        int controllerPort = LocalResources.freeLoopbackPort();
        Path config = dataDir.resolve("server.properties");
        String properties = serverProperties(dataDir, brokerPort, controllerPort);
        List<String> formatArgs = List.of();
        BrokerSecurity security = null;
        if (secured) {
            var ports = new SecuredListeners.Ports(LocalResources.freeLoopbackPort(), LocalResources.freeLoopbackPort(),
                    LocalResources.freeLoopbackPort(), LocalResources.freeLoopbackPort());
            var tls = SelfSignedCertificate.create(dataDir);
            properties = SecuredListeners.properties(properties, brokerPort, ports, tls);
            formatArgs = SecuredListeners.formatArguments();
            security = new BrokerSecurity("127.0.0.1:" + ports.sasl(), "127.0.0.1:" + ports.tls(),
                    "127.0.0.1:" + ports.saslTls(), "127.0.0.1:" + ports.mutualTls(), tls.truststore(),
                    tls.clientKeystore(), tls.password());
        }
        LocalResources.write(config, properties);
        LocalResources.write(dataDir.resolve("logback.xml"), brokerLogging());

        String bootstrap = "127.0.0.1:" + brokerPort;
        String clusterId = Uuid.randomUuid().toString();
        Process process = launch(dataDir, config, clusterId, formatArgs);
        var broker = new EmbeddedKafkaBroker(dataDir, formatArgs, clusterId, process, bootstrap);
        broker.security = security;
        try {
            broker.awaitReady();
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The secured listeners, for a broker started with {@link #startSecured()}. */
    public BrokerSecurity security() {
        if (security == null) {
            throw new IllegalStateException("this broker was started without security");
        }
        return security;
    }

    /** Where the broker writes its log: the first place to look when the sandbox misbehaves. */
    public Path logFile() {
        return dataDir.resolve("broker.log");
    }

    public synchronized boolean isRunning() {
        return process.isAlive();
    }

    /**
     * Stops the broker's JVM cleanly (SIGTERM) and keeps its data, as an operator's restart of the broker would:
     * {@link #startAgain()} brings it back on the same ports with its topics and records. For fault tests.
     */
    public synchronized void stopKeepingData() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Sandbox broker did not stop within {}; killing it", STOP_TIMEOUT);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the broker stopped by {@link #stopKeepingData()} again on its data; returns once it answers. */
    public synchronized void startAgain() {
        if (process.isAlive()) {
            throw new IllegalStateException("the sandbox broker is running");
        }
        List<String> format = new ArrayList<>(formatArgs);
        format.add("--ignore-formatted"); // the storage keeps its cluster id and records
        process = launch(dataDir, dataDir.resolve("server.properties"), clusterId, format);
        awaitReady();
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException alreadyExiting) {
            // The JVM is shutting down and the hook is running or has run: nothing left to unregister.
        }
    }

    private synchronized void stopProcess() {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: Kafka's own shutdown hook closes the logs cleanly
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("Sandbox broker did not stop within {}; killing it", STOP_TIMEOUT);
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        LocalResources.deleteQuietly(dataDir);
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        awaitListening(deadline);
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new SandboxException("The sandbox broker exited with code " + process.exitValue()
                            + " before it was ready. Its log: " + logFile() + "\n" + tailOfLog());
                }
                try {
                    String clusterId = admin.describeCluster(new DescribeClusterOptions().timeoutMs(1_000))
                            .clusterId().get(2, TimeUnit.SECONDS);
                    LOG.info("Sandbox broker {} ready at {}", clusterId, bootstrapServers);
                    return;
                } catch (ExecutionException | TimeoutException notYet) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new SandboxException("The sandbox broker did not answer within " + START_TIMEOUT
                                + ". Its log: " + logFile() + "\n" + tailOfLog(), notYet);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted while waiting for the sandbox broker", e);
        }
    }

    /** Waits for the port to accept connections before any Kafka client tries, which would log a warning a poll. */
    private void awaitListening(Instant deadline) {
        int port = Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
        while (true) {
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    return; // awaitReady reports it, with the log
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    private String tailOfLog() {
        return LocalResources.tail(logFile(), 30);
    }

    private static Process launch(Path dataDir, Path config, String clusterId, List<String> formatArgs) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                "-Djava.awt.headless=true",
                "-Dlogback.configurationFile=" + dataDir.resolve("logback.xml"),
                "-Dlog4j2.level=WARN",
                "-cp", System.getProperty("java.class.path"),
                BrokerMain.class.getName(),
                config.toString(),
                clusterId,
                Long.toString(ProcessHandle.current().pid()),
                dataDir.toString()));
        command.addAll(formatArgs);
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("broker.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new SandboxException("Could not start the sandbox broker's JVM (" + java + "): " + e.getMessage(), e);
        }
    }

    private static String serverProperties(Path dataDir, int brokerPort, int controllerPort) {
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                auto.create.topics.enable=false
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=5
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                transaction.state.log.num.partitions=5
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                log.retention.hours=-1
                """.formatted(brokerPort, controllerPort, dataDir.resolve("kraft-logs").toString().replace('\\', '/'));
    }

    private static String brokerLogging() {
        return """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="kafka" level="INFO"/>
                  <logger name="org.apache.kafka" level="WARN"/>
                  <logger name="state.change.logger" level="WARN"/>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """;
    }
}
