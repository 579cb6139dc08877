package dev.flowdeck.connectors.kafka;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** A Kafka record as the rest of Flowdeck sees it: one conversion, used by the browse and by its benchmark. */
public final class KafkaRecords {

    private KafkaRecords() {
    }

    public static BrowsedMessage toMessage(ConsumerRecord<byte[], byte[]> record) {
        Header[] raw = record.headers().toArray();
        var headers = new MessageHeader[raw.length];
        for (int i = 0; i < raw.length; i++) {
            headers[i] = new MessageHeader(raw[i].key(), raw[i].value());
        }
        // List.of: the message keeps this list as it is instead of copying it.
        return new BrowsedMessage(record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()), record.key(), record.value(), List.of(headers));
    }
}
