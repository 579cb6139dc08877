package dev.flowdeck.sandbox;

import dev.flowdeck.sandbox.rabbit.EmbeddedRabbitNode;
import dev.flowdeck.sandbox.rabbit.RabbitInstallation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's RabbitMQ side: a private node with the shop's queues and traffic (see {@link RabbitShopTraffic}).
 * Started only where RabbitMQ is installed: the app never installs software; the test harness may.
 *
 * <p>{@link #start} blocks for the node's start-up (5 to 15 s on 2 cores): call it off the FX thread.
 */
public final class RabbitSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RabbitSandbox.class);

    private final EmbeddedRabbitNode node;
    private final RabbitShopTraffic traffic;

    private RabbitSandbox(EmbeddedRabbitNode node, RabbitShopTraffic traffic) {
        this.node = node;
        this.traffic = traffic;
    }

    /** Whether this machine can run the RabbitMQ sandbox without installing anything. */
    public static boolean isAvailable() {
        return RabbitInstallation.find().isPresent();
    }

    public static RabbitSandbox start(SandboxSettings settings) {
        long started = System.nanoTime();
        EmbeddedRabbitNode node = EmbeddedRabbitNode.start(RabbitInstallation.find().orElseThrow(() ->
                new SandboxException("RabbitMQ is not installed, so the sandbox has no RabbitMQ side. Install it with "
                        + "`sudo apt-get install rabbitmq-server` (Debian/Ubuntu) to get one.")));
        try {
            var traffic = new RabbitShopTraffic(node.amqpUri(), node.managementUri(), settings);
            try {
                traffic.start();
            } catch (Exception e) {
                traffic.close();
                throw e;
            }
            LOG.info("RabbitMQ sandbox up in {} ms", (System.nanoTime() - started) / 1_000_000);
            return new RabbitSandbox(node, traffic);
        } catch (Exception e) {
            node.close();
            throw e instanceof SandboxException sandbox ? sandbox
                    : new SandboxException("The RabbitMQ sandbox could not set up its shop: " + e.getMessage(), e);
        }
    }

    /** The AMQP URI without credentials (the sandbox node's user is guest/guest, from loopback only). */
    public String amqpAddress() {
        return "amqp://127.0.0.1:" + node.amqpPort() + "/";
    }

    public String managementUri() {
        return node.managementUri();
    }

    public EmbeddedRabbitNode node() {
        return node;
    }

    @Override
    public void close() {
        try {
            traffic.close();
        } finally {
            node.close();
        }
    }
}
