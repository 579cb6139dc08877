package dev.flowdeck.sandbox;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default cluster: a real Kafka broker with the simulated online shop running against it. What a
 * newcomer sees when the app opens is what the tests check, because both start it through here.
 *
 * <p>{@link #start} blocks for the broker's start-up (about 5 s on 2 cores): call it off the FX thread.
 */
public final class SandboxCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxCluster.class);

    private final EmbeddedKafkaBroker broker;
    private final ShopTraffic traffic;

    private SandboxCluster(EmbeddedKafkaBroker broker, ShopTraffic traffic) {
        this.broker = broker;
        this.traffic = traffic;
    }

    public static SandboxCluster start(SandboxSettings settings) {
        long started = System.nanoTime();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        try {
            createTopics(broker.bootstrapServers());
            var traffic = new ShopTraffic(broker.bootstrapServers(), settings);
            try {
                traffic.start();
            } catch (RuntimeException e) {
                traffic.close();
                throw e;
            }
            LOG.info("Sandbox cluster up at {} in {} ms", broker.bootstrapServers(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return new SandboxCluster(broker, traffic);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public Path brokerLog() {
        return broker.logFile();
    }

    public boolean isRunning() {
        return broker.isRunning();
    }

    @Override
    public void close() {
        try {
            traffic.close();
        } finally {
            broker.close();
        }
    }

    private static void createTopics(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var topics = ShopTopology.allTopics().stream()
                    .map(name -> new NewTopic(name, ShopTopology.PARTITIONS, (short) 1))
                    .toList();
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new SandboxException("Could not create the sandbox's topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted while creating the sandbox's topics", e);
        }
    }
}
