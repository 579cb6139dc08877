package dev.flowdeck.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.connectors.kafka.KafkaBrokerConnection;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.browse.BatchCollector;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageFetch;
import dev.flowdeck.core.decode.SchemaAccess;
import dev.flowdeck.core.publish.OutgoingMessage;
import dev.flowdeck.core.export.JsonLinesExport;
import dev.flowdeck.core.filter.MessageFilter;
import dev.flowdeck.sandbox.SandboxCluster;
import dev.flowdeck.sandbox.SandboxSettings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Kafka scan (the sandbox's broker) of values written in the registry's wire format by the real Avro and
 * protobuf writers, read through a registry answering the documented API: decoded on the browse's filter pool,
 * filtered by JSONPath on the JSON, exported as JSON Lines, and a bad record among them said and passed over.
 */
class SchemaScanIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SandboxCluster sandbox;
    private static TestRegistry registry;
    private static ExecutorService worker;
    private static String topic;
    private static int avroId;

    @BeforeAll
    static void startBrokerAndWriteRecords() throws Exception {
        sandbox = SandboxCluster.start(SandboxSettings.defaults().withOrdersPerSecond(5));
        registry = new TestRegistry();
        worker = Executors.newFixedThreadPool(2);
        avroId = registry.register("payments.avro-value", "AVRO", Shop.PAYMENT_AVRO, null);
        int protoId = registry.register("payments.avro-value", "PROTOBUF", Shop.PAYMENT_PROTO,
                Shop.PAYMENT_PROTO_FILE.toByteArray());
        topic = "payments.avro-" + System.nanoTime();
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                sandbox.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int i = 0; i < 200; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, Shop.framedAvro(avroId,
                        Shop.payment("pay-" + i, i * 10L, i % 2 == 0 ? "even" : null))));
            }
            producer.send(new ProducerRecord<>(topic, 1, null, Shop.framedAvro(9999, Shop.payment("x", 1, null))));
            producer.send(new ProducerRecord<>(topic, 1, null, new byte[] {0, 0, 0}));
            producer.send(new ProducerRecord<>(topic, 1, null, Shop.framedProto(protoId, new byte[] {0},
                    Shop.protoPayment("proto-1", 77, "sku-7"))));
            producer.send(new ProducerRecord<>(topic, 1, null, "{\"plain\":true}".getBytes(StandardCharsets.UTF_8)));
            producer.flush();
        }
    }

    @AfterAll
    static void stop() {
        worker.shutdownNow();
        registry.close();
        sandbox.close();
    }

    private static KafkaBrokerConnection connection() {
        var profile = ConnectionProfile.kafka("with-registry", sandbox.bootstrapServers())
                .withProperties(Map.of(SchemaSettings.REGISTRY_URL, registry.url()));
        return KafkaBrokerConnection.open(profile, worker).decodingValuesWith(SchemaDecoder.forProfile(profile));
    }

    private static List<BrowsedMessage> scan(KafkaBrokerConnection connection, BrowseRequest request)
            throws Exception {
        var collector = BatchCollector.unbounded();
        connection.browse(request).subscribe(collector);
        collector.done.get(60, TimeUnit.SECONDS);
        return collector.messages();
    }

    @Test
    void aScanReadsEveryWireFormatValueIntoJsonAndSaysWhichCouldNotBe() throws Exception {
        try (var connection = connection()) {
            List<BrowsedMessage> read = scan(connection, BrowseRequest.fromBeginning(topic));

            assertThat(read).hasSize(204);
            List<BrowsedMessage> avro = read.stream().filter(m -> m.partition() == 0).toList();
            assertThat(avro).allSatisfy(m -> {
                assertThat(m.decoded().isRead()).isTrue();
                assertThat(m.decoded().note()).isEqualTo("Avro, schema id " + avroId + " (payments.avro-value v1)");
                assertThat(m.value()[0]).isZero(); // the raw frame stays for replays
            });
            assertThat(JSON.readTree(avro.get(7).readableValue()).get("id").asText()).isEqualTo("pay-7");
            List<BrowsedMessage> other = read.stream().filter(m -> m.partition() == 1).toList();
            assertThat(other.get(0).decoded().problem()).contains("has no schema id 9999");
            assertThat(other.get(1).decoded().problem()).contains("cut short");
            assertThat(JSON.readTree(other.get(2).readableValue()).at("/line/sku").asText()).isEqualTo("sku-7");
            assertThat(other.get(3).decoded()).isNull(); // plain JSON is shown as it is
        }
    }

    @Test
    void aJsonPathFilterMatchesTheDecodedAvro() throws Exception {
        try (var connection = connection()) {
            var request = BrowseRequest.fromBeginning(topic)
                    .filteredBy(MessageFilter.allOf(List.of(MessageFilter.Json.of("$.amountCents >= 1950"))));
            List<BrowsedMessage> read = scan(connection, request);

            assertThat(read).extracting(m -> m.offset()).containsExactly(195L, 196L, 197L, 198L, 199L);
        }
    }

    @Test
    void aFetchedRecordIsDecodedAndExportsAsItsJsonWithItsRawBytes() throws Exception {
        try (var connection = connection()) {
            BrowsedMessage one = MessageFetch.at(connection, topic, 0, 42).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS).orElseThrow();
            var out = new ByteArrayOutputStream();
            try (var export = new JsonLinesExport(out)) {
                export.write(one);
            }
            var line = JSON.readTree(out.toByteArray());

            assertThat(JSON.readTree(line.get("value").asText()).get("id").asText()).isEqualTo("pay-42");
            assertThat(line.get("valueSchema").asText()).startsWith("Avro, schema id " + avroId);
            assertThat(line.get("rawValueEncoding").asText()).isEqualTo("base64");
        }
    }

    @Test
    void protobufValuesWrittenBackGoOutAsTheMessageTheyWereReadAs() throws Exception {
        int protoId = registry.register("refunds-value", "PROTOBUF", Shop.PAYMENT_PROTO,
                Shop.PAYMENT_PROTO_FILE.toByteArray());
        String source = "refunds.read-" + System.nanoTime();
        String target = "refunds.written-" + System.nanoTime();
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                sandbox.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(source, 1, (short) 1), new NewTopic(target, 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        var refundType = Shop.protoFile().findMessageTypeByName("Refund");
        var lineType = Shop.protoFile().findMessageTypeByName("Payment").findNestedTypeByName("Line");
        try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(source, Shop.framedProto(protoId, new byte[] {2, 2},
                    com.google.protobuf.DynamicMessage.newBuilder(refundType)
                            .setField(refundType.findFieldByName("payment_id"), "pay-1").build())));
            producer.send(new ProducerRecord<>(source, Shop.framedProto(protoId, new byte[] {4, 0, 0},
                    com.google.protobuf.DynamicMessage.newBuilder(lineType)
                            .setField(lineType.findFieldByName("sku"), "sku-1").build())));
            producer.flush();
        }
        var profile = ConnectionProfile.kafka("with-registry", sandbox.bootstrapServers())
                .withProperties(Map.of(SchemaSettings.REGISTRY_URL, registry.url()));
        var writer = new SchemaDecoder(SchemaSettings.of(profile));
        try (var connection = connection()) {
            List<BrowsedMessage> read = scan(connection, BrowseRequest.fromBeginning(source));
            // A replaced payload of {}: every message of the schema takes it, so only the indexes read can say which.
            for (BrowsedMessage message : read) {
                connection.publish(new OutgoingMessage(target, OptionalInt.of(0), null,
                        writer.write(message.decoded(), "{}".getBytes(StandardCharsets.UTF_8)), List.of()))
                        .toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            List<BrowsedMessage> written = scan(connection, BrowseRequest.fromBeginning(target));

            assertThat(read).extracting(m -> m.decoded().messageType())
                    .containsExactly("shop.Refund", "shop.Payment.Line");
            assertThat(written).extracting(m -> m.decoded().messageType())
                    .containsExactly("shop.Refund", "shop.Payment.Line");
            assertThat(java.util.Arrays.copyOfRange(written.get(0).value(), 5, 7)).containsExactly(2, 2);
            assertThat(java.util.Arrays.copyOfRange(written.get(1).value(), 5, 8)).containsExactly(4, 0, 0);
        }
    }

    @Test
    void aValueEncodedForProduceIsSentInTheWireFormatAndDecodeAsChangesTheNextScan() throws Exception {
        String target = "payments.produced-" + System.nanoTime();
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                sandbox.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(target, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        var profile = ConnectionProfile.kafka("with-registry", sandbox.bootstrapServers())
                .withProperties(Map.of(SchemaSettings.REGISTRY_URL, registry.url()));
        try (var connection = KafkaBrokerConnection.open(profile, worker)) {
            var schemas = new ProfileSchemas(profile, connection::decodingValuesWith,
                    ProfileSchemas.FormatStore.SESSION_ONLY);
            var encoded = schemas.encode(target, SchemaAccess.SchemaChoice.subject("payments.avro-value", 1),
                    ("{\"id\":\"made-1\",\"amountCents\":250,\"currency\":\"EUR\",\"price\":2.5}")
                            .getBytes(StandardCharsets.UTF_8));
            connection.publish(new OutgoingMessage(target, OptionalInt.of(0), null, encoded.value(), List.of()))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);

            BrowsedMessage read = scan(connection, BrowseRequest.fromBeginning(target)).getFirst();
            assertThat(read.decoded().note()).isEqualTo("Avro, schema id " + avroId + " (payments.avro-value v1)");
            assertThat(JSON.readTree(read.readableValue()).get("id").asText()).isEqualTo("made-1");
            // The real Avro reader agrees with what was sent, after the frame.
            var record = new org.apache.avro.generic.GenericDatumReader<org.apache.avro.generic.GenericRecord>(
                    Shop.PAYMENT).read(null, org.apache.avro.io.DecoderFactory.get()
                    .binaryDecoder(read.value(), 5, read.value().length - 5, null));
            assertThat(record.get("amountCents")).isEqualTo(250L);

            schemas.useFormat(target, "binary").toCompletableFuture().get(30, TimeUnit.SECONDS);
            BrowsedMessage asBytes = scan(connection, BrowseRequest.fromBeginning(target)).getFirst();
            assertThat(asBytes.decoded()).isNull(); // shown as its bytes now
            assertThat(asBytes.value()).isEqualTo(read.value());
        }
        var readOnly = profile.asReadOnly();
        try (var connection = KafkaBrokerConnection.open(readOnly, worker)) {
            var schemas = new ProfileSchemas(readOnly, connection::decodingValuesWith,
                    ProfileSchemas.FormatStore.SESSION_ONLY);
            var encoded = schemas.encode(target, SchemaAccess.SchemaChoice.id(avroId),
                    ("{\"id\":\"made-2\",\"amountCents\":1,\"currency\":\"EUR\",\"price\":1}")
                            .getBytes(StandardCharsets.UTF_8));
            var refused = connection.publish(new OutgoingMessage(target, OptionalInt.of(0), null, encoded.value(),
                    List.of())).toCompletableFuture();
            assertThat(refused).failsWithin(java.time.Duration.ofSeconds(30))
                    .withThrowableThat().withMessageContaining("read-only");
        }
    }
}
