package dev.flowdeck.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.UnknownFieldSet;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.decode.DecodedValue;
import dev.flowdeck.core.decode.SchemaAccess;
import dev.flowdeck.core.decode.ValueDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decode as, the registry's versions, values that do not match their schema, and encoding for produce and replay. */
class SchemaFeaturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORDER_SCHEMA = """
            {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
             "properties": {"orderId": {"type": "string"}, "amount": {"type": "integer", "minimum": 0}},
             "required": ["orderId", "amount"], "additionalProperties": false}""";

    private TestRegistry registry;

    @BeforeEach
    void startRegistry() throws Exception {
        registry = new TestRegistry();
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    private SchemaDecoder decoder(Map<String, String> more) {
        return new SchemaDecoder(SchemaSettings.of(registry.profile(more)));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decodeAsChangesHowATopicIsReadAtOnceInstallsTheDecoderAndSavesTheProfilesProperty() throws Exception {
        int id = registry.register("payments-value", "AVRO", Shop.PAYMENT_AVRO, null);
        List<ValueDecoder> installed = new ArrayList<>();
        Map<String, String> saved = new HashMap<>();
        var schemas = new ProfileSchemas(registry.profile(Map.of()), installed::add, (property, value) -> {
            saved.put(property, String.valueOf(value));
            return CompletableFuture.completedFuture(null);
        });
        byte[] framed = Shop.framedAvro(id, Shop.payment("pay-1", 5, null));
        assertThat(schemas.decoder().decode("payments", framed).isRead()).isTrue();

        ValueDecoder binary = schemas.useFormat("payments", "binary").toCompletableFuture().join();
        assertThat(binary.decode("payments", framed)).isNull(); // shown as its bytes: never asks the registry
        assertThat(schemas.formatOf("payments")).isEqualTo("binary");
        assertThat(saved).containsEntry(SchemaSettings.TOPIC_FORMAT + "payments", "binary");
        assertThat(installed.getLast()).isSameAs(binary);

        schemas.useFormat("payments", "auto").toCompletableFuture().join();
        assertThat(schemas.decoder().decode("payments", framed).isRead()).isTrue();
        assertThat(saved).containsEntry(SchemaSettings.TOPIC_FORMAT + "payments", "null"); // auto: removed
        assertThatThrownBy(() -> schemas.useFormat("payments", "xml").toCompletableFuture().join())
                .hasMessageContaining("cannot be read as xml").hasMessageContaining("auto, avro, protobuf");
        assertThat(schemas.formatOf("payments")).isEqualTo("auto");
    }

    @Test
    void aPlainProfileInstallsNoDecoderUntilATopicIsGivenAFormat() {
        AtomicReference<ValueDecoder> installed = new AtomicReference<>();
        var schemas = new ProfileSchemas(ConnectionProfile.kafka("p", "k:1"), installed::set,
                ProfileSchemas.FormatStore.SESSION_ONLY);
        assertThat(installed.get()).isSameAs(ValueDecoder.NONE); // a scan of a plain profile costs nothing more

        schemas.useFormat("orders", "text").toCompletableFuture().join();

        assertThat(installed.get()).isNotSameAs(ValueDecoder.NONE);
        assertThat(schemas.hasRegistry()).isFalse();
        assertThatThrownBy(() -> schemas.versionsOf(1)).hasMessageContaining("names no schema registry");
    }

    @Test
    void protobufNamedByTheTopicsFormatReadsValuesWrittenWithoutTheFrame(@TempDir Path dir) throws Exception {
        Path set = dir.resolve("shop.desc");
        Files.write(set, FileDescriptorSet.newBuilder().addFile(Shop.PAYMENT_PROTO_FILE).build().toByteArray());
        var decoder = decoder(Map.of(SchemaSettings.PROTOBUF_DESCRIPTORS, set.toString(),
                SchemaSettings.TOPIC_FORMAT + "payments", "protobuf:shop.Payment",
                SchemaSettings.TOPIC_FORMAT + "refunds", "protobuf:shop.Nope"));

        DecodedValue read = decoder.decode("payments", Shop.protoPayment("pay-3", 42, "sku-3").toByteArray());
        DecodedValue unknownType = decoder.decode("refunds", new byte[] {10, 1, 'x'});

        JsonNode json = JSON.readTree(read.json());
        assertThat(json.get("id").asText()).isEqualTo("pay-3");
        assertThat(json.at("/line/sku").asText()).isEqualTo("sku-3");
        assertThat(read.subject()).isEqualTo("shop.Payment");
        assertThat(unknownType.problem()).contains("shop.Nope").contains("not in the profile's descriptor set");
        assertThat(decoder.settings().formatText("payments")).isEqualTo("protobuf:shop.Payment");
        assertThat(registry.requests).hasValue(0);
    }

    @Test
    void aDescriptorSetChosenLaterReadsProtobufSchemasTheRegistryServesAsTextOnly(@TempDir Path dir) throws Exception {
        int id = registry.register("payments-value", "PROTOBUF", Shop.PAYMENT_PROTO, null); // text only
        Map<String, String> saved = new HashMap<>();
        var schemas = new ProfileSchemas(registry.profile(Map.of()), decoder -> { }, (property, value) -> {
            saved.put(property, value);
            return CompletableFuture.completedFuture(null);
        });
        byte[] framed = Shop.framedProto(id, new byte[] {0}, Shop.protoPayment("pay-4", 4, "sku-4"));
        assertThat(schemas.decoder().decode("payments", framed).problem()).contains("descriptor set");
        Path notASet = dir.resolve("notes.txt");
        Files.writeString(notASet, "not protobuf at all, just some text that is long enough");
        Path set = dir.resolve("shop.desc");
        Files.write(set, FileDescriptorSet.newBuilder().addFile(Shop.PAYMENT_PROTO_FILE).build().toByteArray());

        assertThatThrownBy(() -> schemas.useDescriptorSet(notASet.toString()).toCompletableFuture().join())
                .hasMessageContaining("is not a Protobuf descriptor set");
        schemas.useDescriptorSet(set.toString()).toCompletableFuture().join();

        DecodedValue read = schemas.decoder().decode("payments", framed); // the failed lookup is not remembered
        assertThat(JSON.readTree(read.json()).get("id").asText()).isEqualTo("pay-4");
        assertThat(schemas.descriptorSet()).isEqualTo(set.toString());
        assertThat(saved).containsEntry(SchemaSettings.PROTOBUF_DESCRIPTORS, set.toString());
    }

    @Test
    void aJsonSchemaValueThatBreaksItsSchemaIsShownAndSaysWhatItBreaks() throws Exception {
        int id = registry.register("orders-value", "JSON", ORDER_SCHEMA, null);
        var decoder = decoder(Map.of());

        DecodedValue fits = decoder.decode("orders", WireFrame.frame(id, utf8("{\"orderId\":\"o-1\",\"amount\":3}")));
        DecodedValue breaks = decoder.decode("orders", WireFrame.frame(id, utf8("{\"orderId\":7,\"amount\":-1}")));

        assertThat(fits.matchesSchema()).isTrue();
        assertThat(breaks.isRead()).isTrue(); // still shown, so the operator sees the wrong fields
        assertThat(JSON.readTree(breaks.json()).get("orderId").asInt()).isEqualTo(7);
        assertThat(breaks.matchesSchema()).isFalse();
        assertThat(breaks.mismatch()).contains("orderId").contains("amount");
        assertThat(breaks.note()).contains("which it does not match");
    }

    @Test
    void aJsonSchemaReferringToAnotherHostIsNeverFetched() throws Exception {
        try (var other = new TestRegistry()) { // a host that counts what it is asked
            int id = registry.register("orders-value", "JSON", "{\"$ref\": \"" + other.url()
                    + "/definitions/order.json\"}", null);
            DecodedValue decoded = decoder(Map.of()).decode("orders", WireFrame.frame(id, utf8("{}")));
            assertThat(decoded.matchesSchema()).isFalse();
            assertThat(other.requests).hasValue(0);
        }
    }

    @Test
    void aJsonSchemaThatDoesNotParseIsSaidOnEachRecord() {
        int id = registry.register("orders-value", "JSON", "{\"type\": 12", null);
        DecodedValue decoded = decoder(Map.of()).decode("orders", WireFrame.frame(id, utf8("{}")));
        assertThat(decoded.problem()).contains("JSON schema " + id + " from the registry does not parse");
    }

    @Test
    void protobufFieldsTheSchemaDoesNotDeclareAreNamedPlainly() throws Exception {
        int id = registry.register("payments-value", "PROTOBUF", Shop.PAYMENT_PROTO,
                Shop.PAYMENT_PROTO_FILE.toByteArray());
        DynamicMessage withStranger = Shop.protoPayment("pay-9", 1, "s").toBuilder()
                .setUnknownFields(UnknownFieldSet.newBuilder().addField(17, UnknownFieldSet.Field.newBuilder()
                        .addVarint(5).build()).build()).build();

        DecodedValue decoded = decoder(Map.of()).decode("payments", Shop.framedProto(id, new byte[] {0}, withStranger));

        assertThat(decoded.isRead()).isTrue();
        assertThat(decoded.mismatch()).contains("Payment #17").contains("does not declare");
    }

    @Test
    void avroBytesThatDoNotFitSayWhereTheyBreak() {
        int id = registry.register("payments-value", "AVRO", Shop.PAYMENT_AVRO, null);
        var decoder = decoder(Map.of());
        byte[] whole = Shop.framedAvro(id, Shop.payment("p", 1, "n"));
        // The note union's index sits after id (1 + 1 bytes), amount (1) and currency (1): index 1 becomes 9.
        byte[] badUnion = whole.clone();
        int unionAt = 5 + 2 + 1 + 1;
        assertThat(badUnion[unionAt]).isEqualTo((byte) 2); // zigzag 1: the string branch
        badUnion[unionAt] = 18;
        byte[] badVarint = WireFrame.frame(id, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});

        assertThat(decoder.decode("payments", badUnion).problem()).contains("union index 9 of 2 branches");
        assertThat(decoder.decode("payments", badVarint).problem()).contains("does not match Avro schema " + id);
    }

    @Test
    void theRegistryTellsWhereASchemaIdIsFiledAndEveryVersionOfItsSubject() {
        int v1 = registry.register("payments-value", "AVRO", Shop.PAYMENT_AVRO, null);
        int v2 = registry.register("payments-value", "JSON", ORDER_SCHEMA, null);
        var schemas = new ProfileSchemas(registry.profile(Map.of()), decoder -> { },
                ProfileSchemas.FormatStore.SESSION_ONLY);

        SchemaAccess.SchemaVersions versions = schemas.versionsOf(v1);
        SchemaAccess.SchemaVersion latest = schemas.version("payments-value", -1);

        assertThat(versions.subjects()).containsExactly(
                new SchemaAccess.SubjectVersions("payments-value", 1, List.of(1, 2)));
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.schemaId()).isEqualTo(v2);
        assertThat(latest.format()).isEqualTo("JSON Schema");
        assertThatThrownBy(() -> schemas.versionsOf(99)).hasMessageContaining("has no schema id 99");
    }

    @Test
    void produceEncodesJsonInTheChosenSchemasWireFormatAndRefusesWhatDoesNotFit() throws Exception {
        int avroId = registry.register("payments-value", "AVRO", Shop.PAYMENT_AVRO, null);
        int protoId = registry.register("refunds-value", "PROTOBUF", Shop.PAYMENT_PROTO,
                Shop.PAYMENT_PROTO_FILE.toByteArray());
        int jsonId = registry.register("orders-value", "JSON", ORDER_SCHEMA, null);
        var schemas = new ProfileSchemas(registry.profile(Map.of()), decoder -> { },
                ProfileSchemas.FormatStore.SESSION_ONLY);

        SchemaAccess.Encoded avro = schemas.encode("payments", SchemaAccess.SchemaChoice.subject("payments-value", -1),
                utf8("{\"id\":\"pay-5\",\"amountCents\":12,\"currency\":\"USD\",\"price\":1.5}"));
        SchemaAccess.Encoded refund = schemas.encode("refunds", SchemaAccess.SchemaChoice.id(protoId)
                .withMessageType("shop.Refund"), utf8("{\"payment_id\":\"pay-5\"}"));
        SchemaAccess.Encoded order = schemas.encode("orders", SchemaAccess.SchemaChoice.subject("orders-value", 1),
                utf8("{\"orderId\":\"o-2\",\"amount\":4}"));

        // Read back by the real libraries, after the frame each wrote its id into.
        assertThat(WireFrame.read(avro.value()).schemaId()).isEqualTo(avroId);
        GenericRecord record = new GenericDatumReader<GenericRecord>(Shop.PAYMENT).read(null, DecoderFactory.get()
                .binaryDecoder(avro.value(), 5, avro.value().length - 5, null));
        assertThat(record.get("id").toString()).isEqualTo("pay-5");
        assertThat(record.get("currency").toString()).isEqualTo("USD");
        assertThat(refund.schemaId()).isEqualTo(protoId);
        assertThat(refund.value()[5]).isEqualTo((byte) 2); // one index...
        assertThat(refund.value()[6]).isEqualTo((byte) 2); // ...the file's second message (zigzag 1)
        Descriptor refundType = Shop.protoFile().findMessageTypeByName("Refund");
        DynamicMessage parsed = DynamicMessage.parseFrom(refundType,
                java.util.Arrays.copyOfRange(refund.value(), 7, refund.value().length));
        assertThat(parsed.getField(refundType.findFieldByName("payment_id"))).isEqualTo("pay-5");
        assertThat(WireFrame.read(order.value()).schemaId()).isEqualTo(jsonId);
        assertThat(new String(order.value(), 5, order.value().length - 5, StandardCharsets.UTF_8))
                .isEqualTo("{\"orderId\":\"o-2\",\"amount\":4}");
        assertThat(order.format()).isEqualTo("JSON Schema");

        assertThatThrownBy(() -> schemas.encode("orders", SchemaAccess.SchemaChoice.id(jsonId),
                utf8("{\"orderId\":\"o-3\"}"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fit JSON schema " + jsonId).hasMessageContaining("amount")
                .hasMessageContaining("Nothing was sent");
        assertThatThrownBy(() -> schemas.encode("refunds", SchemaAccess.SchemaChoice.id(protoId)
                .withMessageType("shop.Payment"), utf8("{\"nope\":1}")))
                .hasMessageContaining("does not fit Protobuf shop.Payment");
        assertThatThrownBy(() -> schemas.encode("x", SchemaAccess.SchemaChoice.subject("missing-value", -1),
                utf8("{}"))).hasMessageContaining("has no subject missing-value");
    }

    @Test
    void replayTransformsWriteProtobufAndJsonSchemaValuesBackWithTheirSchemaId() throws Exception {
        int protoId = registry.register("payments-value", "PROTOBUF", Shop.PAYMENT_PROTO,
                Shop.PAYMENT_PROTO_FILE.toByteArray());
        int jsonId = registry.register("orders-value", "JSON", ORDER_SCHEMA, null);
        var decoder = decoder(Map.of());
        Descriptor refundType = Shop.protoFile().findMessageTypeByName("Refund");
        DecodedValue refund = decoder.decode("payments", Shop.framedProto(protoId, new byte[] {2, 2},
                DynamicMessage.newBuilder(refundType).setField(refundType.findFieldByName("payment_id"), "p-1")
                        .build()));
        DecodedValue order = decoder.decode("orders", WireFrame.frame(jsonId, utf8("{\"orderId\":\"o\",\"amount\":1}")));

        byte[] refundWritten = decoder.write(refund, utf8("{\"payment_id\":\"p-2\"}"));
        byte[] orderWritten = decoder.write(order, utf8("{\"orderId\":\"o\",\"amount\":2}"));

        DecodedValue refundAgain = decoder.decode("payments", refundWritten);
        assertThat(refundAgain.schemaId()).isEqualTo(protoId);
        assertThat(JSON.readTree(refundAgain.json()).get("payment_id").asText()).isEqualTo("p-2");
        assertThat(decoder.decode("orders", orderWritten).matchesSchema()).isTrue();
        assertThatThrownBy(() -> decoder.write(order, utf8("{\"orderId\":\"o\",\"amount\":-5}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minimum")
                .hasMessageContaining("not sent as JSON");
    }
}
