package dev.flowdeck.sandbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer group member of the simulated shop, running its poll loop on one thread (a KafkaConsumer is not
 * thread-safe; only {@link #stop()} may come from another thread). Offsets are committed by hand, so each
 * subclass decides how its group behaves: keeps up, falls behind, or stalls.
 */
abstract class SimulatedConsumer implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedConsumer.class);

    protected final String group;
    protected final KafkaConsumer<String, String> consumer;
    private final String topic;
    private volatile boolean running = true;

    SimulatedConsumer(String bootstrapServers, String group, String topic, Map<String, Object> overrides) {
        this.group = group;
        this.topic = topic;
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-1");
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.putAll(overrides);
        this.consumer = new KafkaConsumer<>(config);
    }

    @Override
    public final void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (running) {
                beforePoll();
                ConsumerRecords<String, String> records = consumer.poll(pollTimeout());
                if (!records.isEmpty()) {
                    handle(records);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.warn("Sandbox consumer {} woken up unexpectedly", group, e);
            }
        } catch (RuntimeException e) {
            LOG.error("Sandbox consumer {} stopped on an error", group, e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(3)));
        }
    }

    /** Asks the loop to end; safe from any thread. */
    final void stop() {
        running = false;
        consumer.wakeup();
    }

    /** Called on the consumer's thread before each poll. */
    void beforePoll() {
    }

    Duration pollTimeout() {
        return Duration.ofMillis(500);
    }

    abstract void handle(ConsumerRecords<String, String> records);
}
