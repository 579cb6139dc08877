package dev.flowdeck.sandbox;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A group that hangs on a poison record: it processes and commits its first records one by one, then gets stuck
 * for good. It stays a member (it keeps polling with its partitions paused), so the broker sees a live consumer
 * whose committed offsets never move while the lag grows: the hardest kind of stall to spot by a lag number alone.
 */
final class StalledConsumer extends SimulatedConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(StalledConsumer.class);

    private final int stallAfterRecords;
    private int processed;
    private boolean stuck;

    StalledConsumer(String bootstrapServers, String group, String topic, int stallAfterRecords) {
        super(bootstrapServers, group, topic, Map.of());
        this.stallAfterRecords = stallAfterRecords;
    }

    @Override
    void beforePoll() {
        if (stuck) {
            consumer.pause(consumer.assignment()); // also partitions assigned since it got stuck
        }
    }

    @Override
    void handle(ConsumerRecords<String, String> records) {
        for (ConsumerRecord<String, String> record : records) {
            if (stuck || processed >= stallAfterRecords) {
                if (!stuck) {
                    stuck = true;
                    LOG.info("Sandbox group {} is now stuck on {}-{}@{}, as designed", group, record.topic(),
                            record.partition(), record.offset());
                }
                consumer.pause(consumer.assignment());
                return;
            }
            consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1)));
            processed++;
        }
    }
}
