package dev.flowdeck.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.OrderedFiltering;
import dev.flowdeck.core.decode.DecodedValue;
import dev.flowdeck.core.filter.MessageFilter;
import dev.flowdeck.core.trace.CorrelationKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaDecoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    private static JsonNode json(DecodedValue decoded) throws Exception {
        assertThat(decoded.problem()).isNull();
        return JSON.readTree(decoded.json());
    }

    @Test
    void anAvroRecordInTheWireFormatReadsAsPlainJsonWithItsSchemaIdAndSubject() throws Exception {
        int id = registry.register("payments-value", "AVRO", Shop.PAYMENT_AVRO, null);

        DecodedValue decoded = decoder(Map.of()).decode("payments",
                Shop.framedAvro(id, Shop.payment("pay-1", 1299, "gift")));

        JsonNode value = json(decoded);
        assertThat(value.get("id").asText()).isEqualTo("pay-1");
        assertThat(value.get("amountCents").asLong()).isEqualTo(1299);
        assertThat(value.get("currency").asText()).isEqualTo("EUR");
        assertThat(value.get("note").asText()).isEqualTo("gift"); // the union's branch, not {"string":"gift"}
        assertThat(value.get("tags")).hasSize(2);
        assertThat(value.get("price").decimalValue()).isEqualByComparingTo("12.34");
        assertThat(decoded.format()).isEqualTo("Avro");
        assertThat(decoded.schemaId()).isEqualTo(id);
        assertThat(decoded.subject()).isEqualTo("payments-value v1");
        assertThat(decoded.schema()).contains("\"Payment\"");
        assertThat(decoded.note()).isEqualTo("Avro, schema id " + id + " (payments-value v1)");
    }

    @Test
    void valuesNotInTheWireFormatAreLeftAsTheyAre() {
        var decoder = decoder(Map.of());
        assertThat(decoder.decode("t", "{\"a\":1}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(decoder.decode("t", "plain text".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(decoder.decode("t", new byte[] {(byte) 0xff, 1, 2})).isNull();
        assertThat(decoder.decode("t", null)).isNull();
        assertThat(registry.requests).hasValue(0);
    }

    @Test
    void aProfileWithoutSchemaSettingsDecodesNothing() {
        assertThat(SchemaDecoder.forProfile(dev.flowdeck.core.broker.ConnectionProfile.kafka("p", "k:1")))
                .isSameAs(dev.flowdeck.core.decode.ValueDecoder.NONE);
    }

    @Test
    void schemasAreFetchedOncePerIdHoweverManyRecordsUseThem() {
        int id = registry.register("payments-value", "AVRO", Shop.PAYMENT_AVRO, null);
        var decoder = decoder(Map.of());
        for (int i = 0; i < 500; i++) {
            assertThat(decoder.decode("payments", Shop.framedAvro(id, Shop.payment("p" + i, i, null))).isRead())
                    .isTrue();
        }
        assertThat(registry.requests).hasValue(2); // the schema and where it is filed
    }

    @Test
    void anUnknownSchemaIdIsSaidPerRecordAndAskedForOnlyOnce() {
        var decoder = decoder(Map.of());
        List<DecodedValue> decoded = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            decoded.add(decoder.decode("payments", Shop.framedAvro(4242, Shop.payment("p", 1, null))));
        }
        assertThat(decoded).allSatisfy(value -> {
            assertThat(value.isRead()).isFalse();
            assertThat(value.schemaId()).isEqualTo(4242);
            assertThat(value.problem()).contains("has no schema id 4242").contains("not found")
                    .contains("another registry");
        });
        assertThat(registry.requests).hasValue(1);
    }

    @Test
    void aSchemaThatDoesNotParseIsSaidPlainlyOnEachOfItsRecords() {
        int id = registry.register("broken-value", "AVRO", "{\"type\": \"record\", \"name\": ", null);
        var decoder = decoder(Map.of());
        DecodedValue first = decoder.decode("broken", WireFrame.frame(id, new byte[] {2, 'x'}));
        DecodedValue second = decoder.decode("broken", WireFrame.frame(id, new byte[] {2, 'y'}));
        assertThat(first.problem()).startsWith("Avro schema " + id + " from the registry does not parse");
        assertThat(second.problem()).isEqualTo(first.problem());
    }

    @Test
    void truncatedFramesAndPayloadsSaySoAndTheNextRecordStillReads() {
        int id = registry.register("payments-value", "AVRO", Shop.PAYMENT_AVRO, null);
        var decoder = decoder(Map.of());
        byte[] whole = Shop.framedAvro(id, Shop.payment("pay-1", 1299, "gift"));

        DecodedValue headerCut = decoder.decode("payments", new byte[] {0, 0, 1});
        DecodedValue payloadCut = decoder.decode("payments", java.util.Arrays.copyOf(whole, whole.length - 6));
        DecodedValue trailing = decoder.decode("payments", java.util.Arrays.copyOf(whole, whole.length + 3));
        DecodedValue next = decoder.decode("payments", whole);

        assertThat(headerCut.problem()).contains("cut short").contains("3 bytes");
        assertThat(headerCut.format()).isEqualTo("Schema registry frame");
        assertThat(payloadCut.problem()).contains("does not match Avro schema " + id).contains("cut short");
        assertThat(trailing.problem()).contains("left over");
        assertThat(next.isRead()).isTrue();
    }

    @Test
    void aTopicSetToAvroSaysWhenAValueLacksTheMagicByte() {
        var decoder = decoder(Map.of(SchemaSettings.TOPIC_FORMAT + "payments", "avro"));
        DecodedValue decoded = decoder.decode("payments", "{\"id\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.problem()).contains("magic byte 0").contains("0x7b");
        assertThat(decoded.format()).isEqualTo("Avro");
    }

    @Test
    void aTopicSetToJsonOrBinaryIsNeverReadThroughTheRegistry() {
        int id = registry.register("payments-value", "AVRO", Shop.PAYMENT_AVRO, null);
        var decoder = decoder(Map.of(SchemaSettings.TOPIC_FORMAT + "raw", "binary"));
        assertThat(decoder.decode("raw", Shop.framedAvro(id, Shop.payment("p", 1, null)))).isNull();
        assertThat(registry.requests).hasValue(0);
    }

    @Test
    void aTopicSetToProtobufSaysWhenItsSchemaIsAvro() {
        int id = registry.register("payments-value", "AVRO", Shop.PAYMENT_AVRO, null);
        var decoder = decoder(Map.of(SchemaSettings.TOPIC_FORMAT + "payments", "protobuf"));
        DecodedValue decoded = decoder.decode("payments", Shop.framedAvro(id, Shop.payment("p", 1, null)));
        assertThat(decoded.problem()).contains("is Avro").contains("change the topic's format to auto");
    }

    @Test
    void protobufReadsThroughTheRegistrysSerializedDescriptorWithItsMessageIndexes() throws Exception {
        int id = registry.register("payments-value", "PROTOBUF", Shop.PAYMENT_PROTO,
                Shop.PAYMENT_PROTO_FILE.toByteArray());
        var decoder = decoder(Map.of());

        JsonNode payment = json(decoder.decode("payments",
                Shop.framedProto(id, new byte[] {0}, Shop.protoPayment("pay-7", 550, "sku-1"))));
        Descriptor refund = Shop.protoFile().findMessageTypeByName("Refund");
        JsonNode second = json(decoder.decode("payments", Shop.framedProto(id, new byte[] {2, 2},
                DynamicMessage.newBuilder(refund).setField(refund.findFieldByName("payment_id"), "pay-7").build())));
        Descriptor line = Shop.protoFile().findMessageTypeByName("Payment").findNestedTypeByName("Line");
        JsonNode nested = json(decoder.decode("payments", Shop.framedProto(id, new byte[] {4, 0, 0},
                DynamicMessage.newBuilder(line).setField(line.findFieldByName("sku"), "sku-9").build())));

        assertThat(payment.get("id").asText()).isEqualTo("pay-7");
        assertThat(payment.get("amount_cents").asLong()).isEqualTo(550); // the schema's field names
        assertThat(payment.at("/line/sku").asText()).isEqualTo("sku-1");
        assertThat(second.get("payment_id").asText()).isEqualTo("pay-7");
        assertThat(nested.get("sku").asText()).isEqualTo("sku-9");
    }

    @Test
    void protobufFromProtoTextFindsItsMessagesInTheOperatorsDescriptorSet(@TempDir Path dir) throws Exception {
        Path set = dir.resolve("shop.desc");
        Files.write(set, FileDescriptorSet.newBuilder().addFile(Shop.PAYMENT_PROTO_FILE).build().toByteArray());
        int id = registry.register("payments-value", "PROTOBUF", Shop.PAYMENT_PROTO, null); // text only
        var decoder = decoder(Map.of(SchemaSettings.PROTOBUF_DESCRIPTORS, set.toString()));

        JsonNode payment = json(decoder.decode("payments",
                Shop.framedProto(id, new byte[] {0}, Shop.protoPayment("pay-8", 10, "sku-2"))));

        assertThat(payment.get("id").asText()).isEqualTo("pay-8");
        assertThat(payment.at("/line/sku").asText()).isEqualTo("sku-2");
    }

    @Test
    void protobufFromProtoTextWithoutADescriptorSetSaysWhatToGive() {
        int id = registry.register("payments-value", "PROTOBUF", Shop.PAYMENT_PROTO, null);
        DecodedValue decoded = decoder(Map.of()).decode("payments",
                Shop.framedProto(id, new byte[] {0}, Shop.protoPayment("p", 1, "s")));
        assertThat(decoded.format()).isEqualTo("Schema registry frame");
        assertThat(decoded.problem()).contains("shop.Payment").contains(SchemaSettings.PROTOBUF_DESCRIPTORS);
    }

    @Test
    void aJsonSchemaValueIsTheJsonAfterItsFrame() throws Exception {
        int id = registry.register("events-value", "JSON", "{\"type\":\"object\"}", null);
        var decoder = decoder(Map.of());
        JsonNode value = json(decoder.decode("events",
                WireFrame.frame(id, "{\"kind\":\"signup\"}".getBytes(StandardCharsets.UTF_8))));
        DecodedValue broken = decoder.decode("events", WireFrame.frame(id, "{\"kind\"".getBytes(
                StandardCharsets.UTF_8)));
        assertThat(value.get("kind").asText()).isEqualTo("signup");
        assertThat(broken.problem()).contains("not JSON");
    }

    @Test
    void theRegistrysBasicAuthenticationUsesTheProfilesCredentials() {
        registry.requireBasicAuth("reader", "s3cret");
        int id = registry.register("payments-value", "AVRO", Shop.PAYMENT_AVRO, null);
        byte[] value = Shop.framedAvro(id, Shop.payment("p", 1, null));

        var refused = decoder(Map.of(SchemaSettings.REGISTRY_USERNAME, "reader",
                SchemaSettings.REGISTRY_PASSWORD, "wrong")).decode("payments", value);
        var accepted = decoder(Map.of(SchemaSettings.REGISTRY_USERNAME, "reader",
                SchemaSettings.REGISTRY_PASSWORD, "s3cret")).decode("payments", value);

        assertThat(refused.problem()).contains("refused the profile's registry credentials");
        assertThat(accepted.isRead()).isTrue();
    }

    @Test
    void aRegistryThatIsDownIsSaidPerRecord() {
        String url = registry.url();
        registry.close();
        var decoder = new SchemaDecoder(SchemaSettings.of(dev.flowdeck.core.broker.ConnectionProfile.kafka("p", "k:1")
                .withProperties(Map.of(SchemaSettings.REGISTRY_URL, url))));
        DecodedValue decoded = decoder.decode("payments", WireFrame.frame(3, new byte[] {2, 'x'}));
        assertThat(decoded.problem()).contains("could not be reached").contains("check its URL");
    }

    @Test
    void theRegistryClientListsASubjectsVersionsAndReadsOne() {
        registry.register("payments-value", "AVRO", Shop.PAYMENT_AVRO, null);
        int second = registry.register("payments-value", "AVRO", Shop.PAYMENT_AVRO.replace("\"EUR\", ", ""), null);
        var client = new SchemaRegistryClient(registry.url(), "", "");

        assertThat(client.versions("payments-value")).containsExactly(1, 2);
        RegisteredSchema latest = client.version("payments-value", -1);
        assertThat(latest.id()).isEqualTo(second);
        assertThat(latest.subjectNote()).isEqualTo("payments-value v2");
        assertThatThrownBy(() -> client.versions("nobody-value")).isInstanceOf(SchemaProblem.class)
                .hasMessageContaining("has no subject nobody-value");
    }

    @Test
    void jsonPathFiltersAndCorrelationKeysSeeTheDecodedValue() {
        int id = registry.register("payments-value", "AVRO", Shop.PAYMENT_AVRO, null);
        List<BrowsedMessage> read = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            read.add(new BrowsedMessage("payments", 0, i, Instant.EPOCH, null,
                    Shop.framedAvro(id, Shop.payment("pay-" + i, i * 100L, null)), List.of()));
        }
        read.add(new BrowsedMessage("payments", 0, 40, Instant.EPOCH, null,
                Shop.framedAvro(999, Shop.payment("lost", 1, null)), List.of()));
        MessageFilter big = MessageFilter.Json.of("$.amountCents >= 3500");
        var filtering = new OrderedFiltering<String>(big, decoder(Map.of()), () -> false);

        filtering.submit(read, "batch");
        List<BrowsedMessage> passed = filtering.next().passed();

        assertThat(passed).extracting(BrowsedMessage::offset).containsExactly(35L, 36L, 37L, 38L, 39L);
        assertThat(passed.getFirst().value()).isEqualTo(read.get(35).value()); // raw bytes kept for a replay
        var keys = new CorrelationKeys(List.of(), List.of(), List.of("$.id")).reader();
        assertThat(keys.valuesOf(passed.getFirst())).containsExactly("pay-35");
    }

    @Test
    void anAvroValueIsCheckedWhenReadAndItsJsonMadeWhenFirstNeededWhereverItIsNeeded() throws Exception {
        int id = registry.register("payments-value", "AVRO", Shop.PAYMENT_AVRO, null);
        var decoder = decoder(Map.of());
        byte[] framed = Shop.framedAvro(id, Shop.payment("pay-1", 1299, "gift"));
        byte[] cut = java.util.Arrays.copyOf(framed, framed.length - 3);

        DecodedValue decoded = decoder.decode("payments", framed);
        DecodedValue broken = decoder.decode("payments", cut);

        assertThat(decoded.isRead()).isTrue();
        assertThat(decoded.matchesSchema()).isTrue();
        assertThat(decoded.jsonMade()).as("checked, not yet written as JSON").isFalse();
        assertThat(broken.isRead()).isFalse();
        assertThat(broken.problem()).contains("does not match Avro schema " + id, "cut short");
        assertThat(new String(decoded.fieldsJson(List.of(List.of("amountCents"))), StandardCharsets.UTF_8))
                .isEqualTo("{\"amountCents\":1299}");

        // The export, masking and correlation keys read the message's JSON: made on first use, then kept.
        var message = new BrowsedMessage("payments", 0, 1, Instant.EPOCH, null, framed, List.of())
                .withDecoded(decoded);
        var exported = new java.io.ByteArrayOutputStream();
        try (var export = new dev.flowdeck.core.export.JsonLinesExport(exported)) {
            export.write(message);
        }
        assertThat(decoded.jsonMade()).isTrue();
        JsonNode line = JSON.readTree(exported.toByteArray());
        assertThat(JSON.readTree(line.get("value").asText()).get("id").asText()).isEqualTo("pay-1");
        assertThat(line.get("valueSchema").asText()).isEqualTo("Avro, schema id " + id + " (payments-value v1)");
        var masking = dev.flowdeck.core.mask.Masking.of(new dev.flowdeck.core.mask.MaskingSettings(List.of(
                dev.flowdeck.core.mask.MaskRule.field("$.note", dev.flowdeck.core.mask.MaskAction.MASK)), false,
                false), null);
        assertThat(JSON.readTree(masking.apply(message).message().readableValue()).get("note").asText())
                .isEqualTo(dev.flowdeck.core.mask.Masking.MASKED);
        assertThat(new CorrelationKeys(List.of(), List.of(), List.of("$.id")).reader().valuesOf(message))
                .containsExactly("pay-1");
        assertThat(decoded.json()).isSameAs(message.readableValue());
    }

    @Test
    void avroWrittenBackFromEditedJsonKeepsItsSchemaId() throws Exception {
        int id = registry.register("payments-value", "AVRO", Shop.PAYMENT_AVRO, null);
        var decoder = decoder(Map.of());
        DecodedValue decoded = decoder.decode("payments", Shop.framedAvro(id, Shop.payment("pay-1", 1299, null)));
        var edited = (com.fasterxml.jackson.databind.node.ObjectNode) json(decoded);
        edited.put("amountCents", 1500).put("note", "refunded");

        byte[] framed = decoder.encodeAvro(decoded.schemaId(), JSON.writeValueAsBytes(edited));

        WireFrame frame = WireFrame.read(framed);
        assertThat(frame.schemaId()).isEqualTo(id);
        GenericRecord back = new GenericDatumReader<GenericRecord>(Shop.PAYMENT).read(null, DecoderFactory.get()
                .binaryDecoder(framed, frame.payloadOffset(), framed.length - frame.payloadOffset(), null));
        assertThat(back.get("amountCents")).isEqualTo(1500L);
        assertThat(back.get("note").toString()).isEqualTo("refunded");
        assertThat(back.get("id").toString()).isEqualTo("pay-1");
        assertThat(decoder.decode("payments", framed).isRead()).isTrue();
    }

    @Test
    void jsonThatDoesNotFitTheAvroSchemaIsRefusedWithWhere() {
        int id = registry.register("payments-value", "AVRO", Shop.PAYMENT_AVRO, null);
        var decoder = decoder(Map.of());
        assertThatThrownBy(() -> decoder.encodeAvro(id, ("{\"id\":\"p\",\"amountCents\":\"lots\",\"currency\":\"EUR\","
                + "\"price\":1}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SchemaProblem.class).hasMessageContaining("at $.amountCents").hasMessageContaining("a long");
        assertThatThrownBy(() -> decoder.encodeAvro(id, ("{\"id\":\"p\",\"amountCents\":1,\"currency\":\"GBP\","
                + "\"price\":1}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SchemaProblem.class).hasMessageContaining("$.currency").hasMessageContaining("EUR");
        assertThat(Optional.of(decoder).flatMap(SchemaDecoder::registry)).isPresent();
    }

    @Test
    void asAValueWriterItWritesAvroBackAndRefusesWhatItCannotWrite() throws Exception {
        int avroId = registry.register("payments-value", "AVRO", Shop.PAYMENT_AVRO, null);
        int protoId = registry.register("payments-value", "PROTOBUF", Shop.PAYMENT_PROTO,
                Shop.PAYMENT_PROTO_FILE.toByteArray());
        var decoder = decoder(Map.of());
        DecodedValue avro = decoder.decode("payments", Shop.framedAvro(avroId, Shop.payment("pay-1", 5, null)));
        DecodedValue proto = decoder.decode("payments",
                Shop.framedProto(protoId, new byte[] {0}, Shop.protoPayment("pay-2", 6, "s")));

        byte[] written = decoder.write(avro, avro.json());

        assertThat(WireFrame.read(written).schemaId()).isEqualTo(avroId);
        assertThat(json(decoder.decode("payments", written))).isEqualTo(json(avro));
        assertThat(json(decoder.decode("payments", decoder.write(proto, proto.json())))).isEqualTo(json(proto));
        DecodedValue unread = decoder.decode("payments", Shop.framedAvro(4242, Shop.payment("p", 1, null)));
        assertThatThrownBy(() -> decoder.write(unread, "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("could not be read");
        assertThat(SchemaDecoder.writerFor(dev.flowdeck.core.broker.ConnectionProfile.kafka("p", "k:1")))
                .isSameAs(dev.flowdeck.core.decode.ValueWriter.NONE);
    }

    @Test
    void anUnknownTopicFormatIsSaidOnThatTopicsValuesOnly() {
        var decoder = decoder(Map.of(SchemaSettings.TOPIC_FORMAT + "payments", "avro4"));
        DecodedValue decoded = decoder.decode("payments", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.problem()).contains("flowdeck.schema.format.payments says avro4")
                .contains("auto, avro, protobuf");
        assertThat(decoder.decode("orders", "{}".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
