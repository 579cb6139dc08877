package dev.flowdeck.replayconnect;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.browse.BatchCollector;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads what a destination holds the way the app reads it: through the connection's browse. */
final class Browsing {

    private Browsing() {
    }

    static List<BrowsedMessage> all(BrokerConnection connection, BrowseRequest request) throws Exception {
        var collector = BatchCollector.unbounded();
        connection.browse(request).subscribe(collector);
        collector.done.get(60, TimeUnit.SECONDS);
        return collector.messages();
    }
}
