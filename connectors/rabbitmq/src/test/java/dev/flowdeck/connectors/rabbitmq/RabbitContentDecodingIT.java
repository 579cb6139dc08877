package dev.flowdeck.connectors.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import dev.flowdeck.core.broker.Credentials;
import dev.flowdeck.core.browse.BatchCollector;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.decode.ContentDecoding;
import dev.flowdeck.core.filter.MessageFilter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Values read by their content type and encoding, against a private RabbitMQ node: what a browse hands the
 * browser ({@code readableValue()}, which the table, the detail pane, exports and filters read) and what it keeps
 * to send ({@code value()}, the bytes as published).
 */
class RabbitContentDecodingIT {

    private static final String ORDER = "{\"orderId\":\"ord-7\",\"total\":42.5,\"customer\":{\"country\":\"FR\"}}";
    private static RabbitBrokerConnection connection;

    @BeforeAll
    static void open() {
        connection = RabbitBrokerConnection.open(TestRabbit.profile("rabbit"), Credentials.NONE);
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    @Test
    void gzipDeflateTextAndBinaryValuesAreShownAsTheirPropertiesSayAndSentAsPublished() throws Exception {
        byte[] gzipped = gzip(utf8(ORDER));
        byte[] binary = {0x00, 0x01, (byte) 0xfe, (byte) 0xff, 0x10};
        byte[] latin1 = "Crème brûlée, 3 €".getBytes("ISO-8859-15");
        List<BrowsedMessage> seen = browse(List.of(
                new Published(props("application/json", "gzip"), gzipped),
                new Published(props(null, null), gzip(utf8("{\"orderId\":\"ord-8\"}"))), // says nothing: detected
                new Published(props("application/json", "deflate"), deflate(utf8("{\"orderId\":\"ord-9\"}"))),
                new Published(props("text/plain; charset=ISO-8859-15", null), latin1),
                new Published(props("text/plain", null), utf8("plain text, as it is")),
                new Published(props("application/octet-stream", null), binary),
                new Published(props("application/json", "br"), utf8("not brotli"))), null);

        assertThat(seen).hasSize(7);
        BrowsedMessage json = seen.get(0);
        assertThat(text(json.readableValue())).isEqualTo(ORDER);
        assertThat(json.value()).as("sent as published").isEqualTo(gzipped);
        assertThat(json.decoded().note()).isEqualTo("gzip-compressed application/json");
        assertThat(text(seen.get(1).readableValue())).isEqualTo("{\"orderId\":\"ord-8\"}");
        assertThat(text(seen.get(2).readableValue())).isEqualTo("{\"orderId\":\"ord-9\"}");
        assertThat(text(seen.get(3).readableValue())).isEqualTo("Crème brûlée, 3 €");
        assertThat(seen.get(3).value()).isEqualTo(latin1);
        assertThat(seen.get(4).decoded()).as("UTF-8 text needs no reading").isNull();
        assertThat(text(seen.get(4).readableValue())).isEqualTo("plain text, as it is");
        assertThat(seen.get(5).decoded()).isNull();
        assertThat(seen.get(5).readableValue()).isEqualTo(binary);
        assertThat(seen.get(6).decoded().isRead()).isFalse();
        assertThat(seen.get(6).decoded().problem()).contains("'br'", "gzip and deflate");
        assertThat(seen.get(6).readableValue()).isEqualTo(utf8("not brotli"));
    }

    @Test
    void aJsonPathFilterMatchesOnTheInflatedValue() throws Exception {
        List<BrowsedMessage> matched = browse(List.of(
                new Published(props("application/json", "gzip"), gzip(utf8(ORDER))),
                new Published(props("application/json", "gzip"),
                        gzip(utf8("{\"orderId\":\"ord-1\",\"customer\":{\"country\":\"DE\"}}"))),
                new Published(props("application/json", null), utf8("{\"customer\":{\"country\":\"FR\"}}"))),
                MessageFilter.Json.of("$.customer.country == \"FR\""));

        assertThat(matched).hasSize(2);
        assertThat(text(matched.getFirst().readableValue())).isEqualTo(ORDER);
    }

    @Test
    void aValueThatInflatesPastTheCapIsCutThereAndSaysSo() throws Exception {
        byte[] huge = new byte[ContentDecoding.MAX_INFLATED + 1_000_000];
        java.util.Arrays.fill(huge, (byte) 'a'); // 11 MB of one letter: a few kilobytes compressed
        byte[] bomb = gzip(huge);
        assertThat(bomb.length).isLessThan(100_000);

        BrowsedMessage seen = browse(List.of(new Published(props("text/plain", "gzip"), bomb)), null)
                .getFirst();

        assertThat(seen.readableValue()).hasSize(ContentDecoding.MAX_INFLATED);
        assertThat(seen.decoded().jsonCut()).isTrue();
        assertThat(seen.decoded().note()).isEqualTo("gzip-compressed text/plain, cut where it inflated past 10 MB");
        assertThat(seen.value()).isEqualTo(bomb);
    }

    @Test
    void heavyValuesAreReadOnTheBrowseThreadAndGoOutInBatchesOfBoundedWeight() throws Exception {
        byte[] sixMegabytes = new byte[6 * 1024 * 1024];
        java.util.Arrays.fill(sixMegabytes, (byte) 'x');
        byte[] heavy = gzip(sixMegabytes); // a few kilobytes on the wire, 6 MB once read
        Set<Thread> readOn = ConcurrentHashMap.newKeySet();
        var decoding = new ContentDecoding((type, bytes) -> {
            readOn.add(Thread.currentThread());
            return null; // shown as its bytes: only where it was read matters here
        });
        try (var own = RabbitBrokerConnection.open(TestRabbit.profile("rabbit"), Credentials.NONE)
                .decodingValuesWith(decoding)) {
            for (String type : List.of("stream", "classic")) {
                String queue = "heavy-" + type + "-" + UUID.randomUUID().toString().substring(0, 8);
                try (Channel channel = TestRabbit.channel()) {
                    channel.queueDeclare(queue, true, false, false, Map.of("x-queue-type", type));
                    channel.confirmSelect();
                    for (int i = 0; i < 8; i++) {
                        channel.basicPublish("", queue, props("text/plain", "gzip"), heavy);
                    }
                    channel.basicPublish("", queue, props("application/x-protobuf", null), new byte[] {8, 1});
                    channel.waitForConfirmsOrDie(10_000);
                }
                // A stream shows what was appended a moment later; a queue at once. Either way: all nine.
                await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
                    readOn.clear();
                    var seen = BatchCollector.unbounded();
                    own.browse(BrowseRequest.fromBeginning(queue)).subscribe(seen);
                    seen.done.get(60, TimeUnit.SECONDS);
                    List<BrowsedMessage> messages = seen.messages();
                    assertThat(messages).as(type).hasSize(9);
                    for (BrowsedMessage message : messages.subList(0, 8)) {
                        assertThat(message.readableValue()).as("nothing lost").isEqualTo(sixMegabytes);
                    }
                    long one = AmqpBrowse.weight(messages.getFirst());
                    for (var batch : seen.batches) {
                        long weight = batch.messages().stream().mapToLong(AmqpBrowse::weight).sum();
                        assertThat(weight).as(type + ": a batch stops taking messages once it weighs enough")
                                .isLessThan(AmqpBrowse.BATCH_BYTES + one);
                    }
                    assertThat(seen.batches.stream().filter(batch -> !batch.messages().isEmpty()).count())
                            .as(type + ": 48 MB of values came in more than one batch").isGreaterThan(1);
                    assertThat(readOn).as(type + ": values read on the thread that hands the batches over")
                            .isEqualTo(seen.deliveredOn);
                });
            }
        }
    }

    private record Published(AMQP.BasicProperties props, byte[] body) {
    }

    private static List<BrowsedMessage> browse(List<Published> all, MessageFilter filter) throws Exception {
        String queue = "content-" + UUID.randomUUID().toString().substring(0, 8);
        try (Channel channel = TestRabbit.channel()) {
            channel.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "stream"));
            for (Published message : all) {
                channel.basicPublish("", queue, message.props(), message.body());
            }
            // A stream keeps its messages however often it is read: no hand-back to wait for.
            BrowseRequest request = BrowseRequest.fromBeginning(queue);
            if (filter != null) {
                request = request.filteredBy(filter);
            }
            BrowseRequest asked = request;
            await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
                var collector = BatchCollector.unbounded();
                connection.browse(BrowseRequest.fromBeginning(queue)).subscribe(collector);
                collector.done.get(30, TimeUnit.SECONDS);
                assertThat(collector.messages()).hasSize(all.size());
            });
            var collector = BatchCollector.unbounded();
            connection.browse(asked).subscribe(collector);
            collector.done.get(30, TimeUnit.SECONDS);
            return collector.messages();
        }
    }

    private static AMQP.BasicProperties props(String contentType, String contentEncoding) {
        return new AMQP.BasicProperties.Builder().contentType(contentType).contentEncoding(contentEncoding).build();
    }

    private static byte[] gzip(byte[] bytes) throws Exception {
        var out = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] bytes) throws Exception {
        var out = new ByteArrayOutputStream();
        try (var deflate = new DeflaterOutputStream(out)) {
            deflate.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
