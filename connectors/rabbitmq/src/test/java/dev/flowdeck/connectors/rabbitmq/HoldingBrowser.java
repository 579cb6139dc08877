package dev.flowdeck.connectors.rabbitmq;

import dev.flowdeck.core.browse.BatchCollector;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Credentials;
import dev.flowdeck.core.browse.BrowseRequest;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-in for the app in {@link KilledBrowseIT}: browses one batch of a queue, says so on stdout, then holds the
 * messages until it is killed. Arguments: AMQP port, management URL, queue.
 */
public final class HoldingBrowser {

    private HoldingBrowser() {
    }

    public static void main(String[] args) throws Exception {
        var profile = ConnectionProfile.rabbitMq("holder", "amqp://127.0.0.1:" + args[0] + "/")
                .withProperties(Map.of("management.url", args[1]));
        var connection = RabbitBrokerConnection.open(profile, Credentials.NONE);
        var collector = new BatchCollector(1);
        connection.browse(BrowseRequest.fromBeginning(args[2])).subscribe(collector);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> !collector.batches.isEmpty() || collector.done.isDone());
        if (collector.batches.isEmpty()) {
            collector.done.join(); // throws what went wrong
        }
        System.out.println("HOLDING " + collector.messages().size());
        System.out.flush();
        new CountDownLatch(1).await(); // until killed
    }
}
