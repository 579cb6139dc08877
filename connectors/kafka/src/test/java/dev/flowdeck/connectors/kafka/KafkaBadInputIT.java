package dev.flowdeck.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.browse.BatchCollector;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.KeptMessage;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.decode.HeaderValues;
import dev.flowdeck.core.decode.HexDump;
import dev.flowdeck.core.decode.JsonTree;
import dev.flowdeck.core.decode.PayloadFormat;
import dev.flowdeck.core.decode.PayloadKind;
import dev.flowdeck.core.decode.PayloadText;
import dev.flowdeck.core.filter.MessageFilter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A browse of what real topics hold when producers misbehave: bytes that are not UTF-8, JSON cut short, a 10 MB
 * value, null keys and tombstones, a record with 2,000 headers, and batches in every compression codec. Each browse
 * completes, every message arrives byte for byte, and every kind of filter runs over them without throwing or
 * hanging, as do the decoders the table and detail pane use.
 */
class KafkaBadInputIT {

    private static final Instant BASE = Instant.parse("2026-03-01T00:00:00Z");
    private static final int TEN_MB = 10 * 1024 * 1024;

    private static String bootstrap;
    private static Admin admin;
    private static ExecutorService worker;
    private static KafkaBrokerConnection connection;

    /** One record as produced, to compare with what the browse reads. */
    record Sent(byte[] key, byte[] value, List<MessageHeader> headers, long timestamp) {
    }

    @BeforeAll
    static void connect() {
        bootstrap = TestSandbox.get().bootstrapServers();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        worker = Executors.newFixedThreadPool(2);
        connection = KafkaBrokerConnection.open(ConnectionProfile.kafka("sandbox", bootstrap), worker);
    }

    @AfterAll
    static void close() {
        connection.close();
        admin.close();
        worker.shutdownNow();
    }

    @Test
    void awkwardRecordsArriveByteForByteAndEveryFilterCopes() throws Exception {
        String topic = newTopic(Map.of());
        List<Sent> sent = new ArrayList<>();
        List<MessageHeader> manyHeaders = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            manyHeaders.add(new MessageHeader("h-" + i, i % 100 == 0 ? null : utf8("v-" + i)));
        }
        manyHeaders.add(new MessageHeader("kafka_dlt-original-offset", new byte[] {0, 0, 0, 0, 0, 0, 0x12, 0x67}));
        sent.add(new Sent(utf8("not-utf8"), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, 0, (byte) 0x80}, List.of(), 1));
        sent.add(new Sent(utf8("cut-json"), utf8("{\"amount\": 12, \"note\": \"half"), List.of(), 2));
        byte[] json = utf8("{\"amount\": 42, \"who\": \"Zoë\"}");
        sent.add(new Sent(utf8("cut-char"), Arrays.copyOf(json, json.length - 3), List.of(), 3)); // inside "ë"
        sent.add(new Sent(null, utf8("{\"amount\": 1e400, \"deep\": " + "[".repeat(600) + "]".repeat(600) + "}"),
                List.of(), 4));
        sent.add(new Sent(utf8("k-1"), null, List.of(new MessageHeader("reason", utf8("deleted"))), 5));
        sent.add(new Sent(null, null, List.of(), 6));
        sent.add(new Sent(utf8("many-headers"), utf8("{\"amount\": 7}"), manyHeaders, 7));
        sent.add(new Sent(new byte[0], new byte[0], List.of(new MessageHeader("", new byte[0])), 8));
        produce(topic, sent, Map.of());

        List<BrowsedMessage> read = browseAll(topic);

        assertSameRecords(read, sent);
        assertThat(read).extracting(m -> PayloadFormat.detect(m.value())).containsExactly(PayloadKind.BINARY,
                PayloadKind.TEXT, PayloadKind.BINARY, PayloadKind.TEXT, PayloadKind.NULL, PayloadKind.NULL,
                PayloadKind.JSON, PayloadKind.EMPTY);
        assertDecodersCope(read);
        assertEveryFilterCopes(topic, read);
    }

    @Test
    void aTenMegabyteValueIsReadWhole() throws Exception {
        String topic = newTopic(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(TEN_MB + 1024 * 1024)));
        byte[] big = new byte[TEN_MB];
        new Random(7).nextBytes(big);
        byte[] text = utf8("{\"amount\": 3, \"pad\": \"" + "x".repeat(TEN_MB - 40) + "\"}");
        List<Sent> sent = List.of(new Sent(utf8("small-before"), utf8("{\"amount\": 1}"), List.of(), 1),
                new Sent(utf8("big-binary"), big, List.of(), 2),
                new Sent(utf8("big-json"), text, List.of(), 3),
                new Sent(utf8("small-after"), utf8("after"), List.of(), 4));
        produce(topic, sent, Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, TEN_MB + 1024 * 1024));

        List<BrowsedMessage> read = browseAll(topic);

        assertSameRecords(read, sent);
        var kept = KeptMessage.of(read.get(2), KeptMessage.DEFAULT_BUDGET);
        assertThat(kept.truncated()).isTrue();
        assertThat(PayloadFormat.detect(kept.message().value())).as("a cut JSON document is text")
                .isEqualTo(PayloadKind.TEXT);
        assertThat(PayloadFormat.detect(read.get(2).value())).isEqualTo(PayloadKind.JSON);
        assertDecodersCope(read);
        assertEveryFilterCopes(topic, read);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "snappy", "lz4", "zstd"})
    void compressedBatchesArriveIntact(String codec) throws Exception {
        String topic = newTopic(Map.of());
        var random = new Random(codec.hashCode());
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] value = switch (i % 4) {
                case 0 -> utf8("{\"amount\": " + i + ", \"codec\": \"" + codec + "\", \"pad\": \"" + "ab".repeat(i)
                        + "\"}");
                case 1 -> {
                    byte[] bytes = new byte[random.nextInt(0, 600)];
                    random.nextBytes(bytes);
                    yield bytes;
                }
                case 2 -> null;
                default -> utf8("line " + i + "\r\nof text ✓ ".repeat(i % 7));
            };
            sent.add(new Sent(i % 5 == 0 ? null : utf8("k-" + i), value,
                    List.of(new MessageHeader("h-" + (i % 3), utf8("v-" + i))), i));
        }

        double compression = produce(topic, sent, Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec,
                ProducerConfig.LINGER_MS_CONFIG, 100, ProducerConfig.BATCH_SIZE_CONFIG, 1024 * 1024));
        List<BrowsedMessage> read = browseAll(topic);

        assertThat(compression).as("the producer really compressed its batches with %s", codec).isLessThan(0.9);
        assertSameRecords(read, sent);
        assertDecodersCope(read);
        assertEveryFilterCopes(topic, read);
    }

    /** One filter of each kind, and all of them at once. */
    private static List<MessageFilter> everyKindOfFilter() {
        List<MessageFilter> filters = List.of(
                new MessageFilter.TextContains("amount", false),
                new MessageFilter.TextContains("ZOË", true),
                MessageFilter.Regex.of("\"amount\": \\d{2,}"),
                MessageFilter.KeyEquals.text("k-1"),
                new MessageFilter.HeaderMatches("h-1999", null),
                new MessageFilter.HeaderMatches("h-0", null),
                new MessageFilter.HeaderMatches("reason", "deleted"),
                new MessageFilter.TimeRange(BASE.plusMillis(2), BASE.plusMillis(200)),
                MessageFilter.Json.of("$.amount > 10"),
                MessageFilter.Json.of("$..* exists"),
                MessageFilter.Json.of("$.deep[?(@ =~ /x/)]"));
        List<MessageFilter> all = new ArrayList<>(filters);
        all.add(MessageFilter.allOf(List.of(MessageFilter.Json.of("$.amount >= 0"),
                new MessageFilter.TextContains("a", false))));
        return all;
    }

    /**
     * Each filter over each message read, in this thread, then as the browse's own filter: the browse completes and
     * passes exactly the messages the filter passes here (a key filter reads one partition; these topics have one).
     */
    private static void assertEveryFilterCopes(String topic, List<BrowsedMessage> read) throws Exception {
        for (MessageFilter filter : everyKindOfFilter()) {
            List<Long> expected = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> read.stream()
                    .filter(filter::test).map(BrowsedMessage::offset).toList(), filter::toString);

            var collector = BatchCollector.unbounded();
            connection.browse(BrowseRequest.fromBeginning(topic).filteredBy(filter)).subscribe(collector);
            collector.done.get(60, TimeUnit.SECONDS);

            assertThat(collector.messages()).as("%s", filter).extracting(BrowsedMessage::offset)
                    .containsExactlyElementsOf(expected);
        }
    }

    /** What the table, the detail pane and the CLI do with each message, on its whole and its kept form. */
    private static void assertDecodersCope(List<BrowsedMessage> read) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (BrowsedMessage message : read) {
                var kept = KeptMessage.of(message, KeptMessage.DEFAULT_BUDGET).message();
                for (byte[] payload : Arrays.asList(message.key(), message.value(), kept.value())) {
                    assertThat(PayloadText.preview(payload, 120)).hasSizeLessThanOrEqualTo(120);
                    assertThat(HexDump.of(payload, 4096)).isNotEmpty();
                    boolean json = PayloadFormat.detect(payload) == PayloadKind.JSON;
                    assertThat(PayloadText.prettyJson(payload).isPresent()).isEqualTo(json);
                    assertThat(JsonTree.parse(payload, 2_000).isPresent()).isEqualTo(json);
                }
                for (MessageHeader header : message.headers()) {
                    assertThat(HeaderValues.show(header.name(), header.value()).text())
                            .isNotNull();
                }
            }
        });
    }

    private static void assertSameRecords(List<BrowsedMessage> read, List<Sent> sent) {
        assertThat(read).hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            BrowsedMessage message = read.get(i);
            Sent expected = sent.get(i);
            assertThat(message.offset()).isEqualTo(i);
            assertThat(message.key()).as("key of %d", i).isEqualTo(expected.key());
            assertThat(message.value()).as("value of %d", i).isEqualTo(expected.value());
            assertThat(message.timestamp()).isEqualTo(BASE.plusMillis(expected.timestamp()));
            assertThat(message.headers()).hasSameSizeAs(expected.headers());
            for (int h = 0; h < expected.headers().size(); h++) {
                assertThat(message.headers().get(h).name()).isEqualTo(expected.headers().get(h).name());
                assertThat(message.headers().get(h).value()).as("header %d of %d", h, i)
                        .isEqualTo(expected.headers().get(h).value());
            }
        }
    }

    private static List<BrowsedMessage> browseAll(String topic) throws Exception {
        var collector = BatchCollector.unbounded();
        connection.browse(BrowseRequest.fromBeginning(topic)).subscribe(collector);
        collector.done.get(60, TimeUnit.SECONDS);
        return collector.messages();
    }

    /** Sends everything, then says how well the producer compressed (compressed / uncompressed size, 1 if not). */
    private static double produce(String topic, List<Sent> records, Map<String, Object> settings) throws Exception {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (var producer = new KafkaProducer<byte[], byte[]>(config)) {
            var sends = new ArrayList<Future<?>>();
            for (Sent record : records) {
                var headers = record.headers().stream()
                        .map(h -> (Header) new RecordHeader(h.name(), h.value()))
                        .toList();
                sends.add(producer.send(new ProducerRecord<>(topic, 0, BASE.plusMillis(record.timestamp())
                        .toEpochMilli(), record.key(), record.value(), headers)));
            }
            producer.flush();
            for (var send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
            return producer.metrics().entrySet().stream()
                    .filter(e -> e.getKey().name().equals("compression-rate-avg")
                            && e.getKey().group().equals("producer-metrics"))
                    .map(e -> ((Number) e.getValue().metricValue()).doubleValue())
                    .findFirst().orElseThrow();
        }
    }

    private static String newTopic(Map<String, String> config) throws Exception {
        String name = "bad-input-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(name, 1, (short) 1).configs(config))).all().get(30, TimeUnit.SECONDS);
        return name;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
