package dev.flowdeck.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The collector's stop-the-world pauses while it watches: a pulse gap as long as a pause is the collector's, not the
 * browser's, and a collector with shorter pauses shortens it. Concurrent cycles (ZGC's "Cycles", G1's "Concurrent
 * GC") stop no thread and are left out.
 */
final class GcPauses implements NotificationListener, AutoCloseable {

    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private long count;
    private long totalMillis;
    private long longestMillis;

    GcPauses() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            String name = collector.getName();
            if (name.contains("Cycles") || name.contains("Concurrent")) {
                continue;
            }
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
            }
        }
    }

    @Override
    public synchronized void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        long millis = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                .getGcInfo().getDuration();
        count++;
        totalMillis += millis;
        longestMillis = Math.max(longestMillis, millis);
    }

    synchronized void reset() {
        count = 0;
        totalMillis = 0;
        longestMillis = 0;
    }

    /** The pauses since the last reset. */
    synchronized Seen seen() {
        return new Seen(count, Duration.ofMillis(totalMillis), Duration.ofMillis(longestMillis));
    }

    /** Pauses counted, their sum and the longest (the collector reports whole milliseconds). */
    record Seen(long pauses, Duration total, Duration longest) {
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(this);
            } catch (ListenerNotFoundException alreadyGone) {
                // nothing to undo
            }
        }
    }
}
