package dev.flowdeck.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import dev.flowdeck.core.decode.DecodedValue;
import dev.flowdeck.core.decode.SchemaAccess;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schemas that use others through the registry's references: Avro named types, Protobuf imports and JSON Schema
 * {@code $ref}s by the references' names.
 */
class SchemaReferencesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MONEY_AVRO = """
            {"type": "record", "name": "Money", "namespace": "shop", "fields": [
              {"name": "cents", "type": "long"}, {"name": "currency", "type": "string"}]}""";
    private static final String ORDER_AVRO = """
            {"type": "record", "name": "Order", "namespace": "shop", "fields": [
              {"name": "id", "type": "string"}, {"name": "total", "type": "shop.Money"}]}""";

    private TestRegistry registry;

    @BeforeEach
    void startRegistry() throws Exception {
        registry = new TestRegistry();
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    private SchemaDecoder decoder() {
        return new SchemaDecoder(SchemaSettings.of(registry.profile(Map.of())));
    }

    @Test
    void anAvroSchemaReadsWithTheNamedTypesOfTheSubjectsItRefersTo() throws Exception {
        registry.register("shop.Money", "AVRO", MONEY_AVRO, null);
        int id = registry.register("orders-value", "AVRO", ORDER_AVRO, null,
                List.of(new RegisteredSchema.Reference("shop.Money", "shop.Money", 1)));
        // Written by the real Avro writer, with both schemas known to its parser.
        Schema.Parser parser = new Schema.Parser();
        Schema money = parser.parse(MONEY_AVRO);
        Schema order = parser.parse(ORDER_AVRO);
        GenericRecord total = new GenericData.Record(money);
        total.put("cents", 1250L);
        total.put("currency", "EUR");
        GenericRecord record = new GenericData.Record(order);
        record.put("id", "o-1");
        record.put("total", total);
        var out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(order).write(record, encoder);
        encoder.flush();
        var decoder = decoder();

        DecodedValue decoded = decoder.decode("orders", WireFrame.frame(id, out.toByteArray()));
        JsonNode json = JSON.readTree(decoded.json());
        byte[] produced = decoder.encode(SchemaAccess.SchemaChoice.id(id),
                "{\"id\":\"o-2\",\"total\":{\"cents\":5,\"currency\":\"USD\"}}".getBytes(StandardCharsets.UTF_8))
                .value();

        assertThat(json.get("id").asText()).isEqualTo("o-1");
        assertThat(json.at("/total/cents").asLong()).isEqualTo(1250);
        assertThat(JSON.readTree(decoder.decode("orders", produced).json()).at("/total/currency").asText())
                .isEqualTo("USD");
    }

    @Test
    void aProtobufSchemaImportsTheFilesItsReferencesServe() throws Exception {
        FileDescriptorProto moneyFile = FileDescriptorProto.newBuilder().setName("shop/money.proto")
                .setPackage("shop").setSyntax("proto3")
                .addMessageType(DescriptorProto.newBuilder().setName("Money").addField(FieldDescriptorProto
                        .newBuilder().setName("cents").setNumber(1).setType(FieldDescriptorProto.Type.TYPE_INT64)
                        .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL))).build();
        FileDescriptorProto orderFile = FileDescriptorProto.newBuilder().setName("shop/order.proto")
                .setPackage("shop").setSyntax("proto3").addDependency("shop/money.proto")
                .addMessageType(DescriptorProto.newBuilder().setName("Order")
                        .addField(FieldDescriptorProto.newBuilder().setName("id").setNumber(1)
                                .setType(FieldDescriptorProto.Type.TYPE_STRING)
                                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL))
                        .addField(FieldDescriptorProto.newBuilder().setName("total").setNumber(2)
                                .setType(FieldDescriptorProto.Type.TYPE_MESSAGE).setTypeName(".shop.Money")
                                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL))).build();
        registry.register("shop/money.proto", "PROTOBUF", "syntax = \"proto3\"; package shop; message Money {}",
                moneyFile.toByteArray());
        int id = registry.register("orders-value", "PROTOBUF", "syntax = \"proto3\"; import \"shop/money.proto\";",
                orderFile.toByteArray(), List.of(new RegisteredSchema.Reference("shop/money.proto",
                        "shop/money.proto", 1)));
        FileDescriptor money = FileDescriptor.buildFrom(moneyFile, new FileDescriptor[0]);
        Descriptor order = FileDescriptor.buildFrom(orderFile, new FileDescriptor[] {money})
                .findMessageTypeByName("Order");
        Descriptor moneyType = money.findMessageTypeByName("Money");
        DynamicMessage message = DynamicMessage.newBuilder(order).setField(order.findFieldByName("id"), "o-3")
                .setField(order.findFieldByName("total"), DynamicMessage.newBuilder(moneyType)
                        .setField(moneyType.findFieldByName("cents"), 99L).build()).build();

        DecodedValue decoded = decoder().decode("orders", Shop.framedProto(id, new byte[] {0}, message));

        JsonNode json = JSON.readTree(decoded.json());
        assertThat(json.get("id").asText()).isEqualTo("o-3");
        assertThat(json.at("/total/cents").asLong()).isEqualTo(99);
    }

    @Test
    void protobufReferencesInACycleAreSaidAtOnceAndEachIsFetchedOnce() {
        byte[] file = FileDescriptorProto.newBuilder().setName("shop/a.proto").setPackage("shop").setSyntax("proto3")
                .build().toByteArray();
        registry.register("shop/a.proto", "PROTOBUF", "syntax = \"proto3\";", file,
                List.of(new RegisteredSchema.Reference("shop/b.proto", "shop/b.proto", 1)));
        registry.register("shop/b.proto", "PROTOBUF", "syntax = \"proto3\";", file,
                List.of(new RegisteredSchema.Reference("shop/a.proto", "shop/a.proto", 1)));
        int id = registry.register("orders-value", "PROTOBUF", "syntax = \"proto3\";", file,
                List.of(new RegisteredSchema.Reference("shop/a.proto", "shop/a.proto", 1),
                        new RegisteredSchema.Reference("shop/b.proto", "shop/b.proto", 1)));
        int before = registry.requests.get();

        DecodedValue decoded = decoder().decode("orders", WireFrame.frame(id, new byte[] {0, 8, 1}));

        assertThat(decoded.problem()).contains("come back to shop/a.proto v1 (a cycle)");
        // A few requests a schema (its text, its serialized descriptor): a and b once each, not 32 levels of them.
        assertThat(registry.requests.get() - before).isLessThan(10);
    }

    private static final String ADDRESS_JSON = """
            {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}""";
    private static final String CUSTOMER_JSON = """
            {"type": "object", "properties": {"name": {"type": "string"}, "address": {"$ref": "address.json"}},
             "required": ["name", "address"]}""";
    /** Refers by a name relative to its {@code $id}, and to a definition inside the referenced schema. */
    private static final String ORDER_JSON = """
            {"$id": "https://shop.example/schemas/order.json", "type": "object",
             "properties": {"customer": {"$ref": "customer.json"},
                            "city": {"$ref": "address.json#/properties/city"}},
             "required": ["customer"]}""";

    private int registerJsonOrder() {
        registry.register("address", "JSON", ADDRESS_JSON, null);
        registry.register("customer", "JSON", CUSTOMER_JSON, null,
                List.of(new RegisteredSchema.Reference("address.json", "address", 1)));
        return registry.register("orders-value", "JSON", ORDER_JSON, null,
                List.of(new RegisteredSchema.Reference("customer.json", "customer", 1),
                        new RegisteredSchema.Reference("address.json", "address", 1)));
    }

    @Test
    void aJsonSchemaFollowsItsRefsToTheSchemasItsReferencesNameInTheRegistry() throws Exception {
        int id = registerJsonOrder();
        var decoder = decoder();

        DecodedValue fits = decoder.decode("orders", WireFrame.frame(id, utf8("""
                {"customer": {"name": "Ada", "address": {"city": "Leeds"}}, "city": "York"}""")));
        int requestsAfterFirst = registry.requests.get();
        DecodedValue breaks = decoder.decode("orders", WireFrame.frame(id, utf8("""
                {"customer": {"name": "Ada", "address": {"city": 12}}, "city": 4}""")));

        assertThat(fits.isRead()).isTrue();
        assertThat(fits.mismatch()).isNull();
        assertThat(breaks.isRead()).isTrue();
        assertThat(breaks.mismatch()).contains("/customer/address/city").contains("/city")
                .doesNotContain("could not be checked");
        assertThat(registry.requests.get()).as("the references are read once, with the schema")
                .isEqualTo(requestsAfterFirst);
        assertThat(JSON.readTree(decoder.decode("orders", decoder.encode(SchemaAccess.SchemaChoice.id(id),
                utf8("{\"customer\": {\"name\": \"Bo\", \"address\": {\"city\": \"Hull\"}}}")).value())
                .json()).at("/customer/address/city").asText()).isEqualTo("Hull");
        assertThatThrownBy(() -> decoder.encode(SchemaAccess.SchemaChoice.id(id),
                utf8("{\"customer\": {\"name\": \"Bo\", \"address\": {}}}")))
                .hasMessageContaining("does not fit JSON schema " + id).hasMessageContaining("city");
    }

    @Test
    void aJsonSchemaWithoutAnIdFollowsReferencesOfReferencesByTheirNamesToo() throws Exception {
        registry.register("address", "JSON", ADDRESS_JSON, null);
        registry.register("customer", "JSON", CUSTOMER_JSON, null,
                List.of(new RegisteredSchema.Reference("address.json", "address", 1)));
        int id = registry.register("orders-value", "JSON", """
                {"type": "object", "properties": {"customer": {"$ref": "customer.json"}}}""", null,
                List.of(new RegisteredSchema.Reference("customer.json", "customer", 1)));

        DecodedValue breaks = decoder().decode("orders", WireFrame.frame(id, utf8("""
                {"customer": {"name": "Ada", "address": {}}}""")));

        assertThat(breaks.mismatch()).contains("/customer/address").contains("city")
                .doesNotContain("could not be checked");
    }

    @Test
    void aJsonSchemaWithReferencesStillNeverFetchesARefToAnotherHost() throws Exception {
        try (var other = new TestRegistry()) { // a host that counts what it is asked
            registry.register("address", "JSON", ADDRESS_JSON, null);
            int id = registry.register("orders-value", "JSON", """
                    {"type": "object", "properties": {"address": {"$ref": "address.json"},
                                                      "other": {"$ref": "%s/address.json"}}}"""
                    .formatted(other.url()), null, List.of(new RegisteredSchema.Reference("address.json",
                    "address", 1)));

            DecodedValue decoded = decoder().decode("orders", WireFrame.frame(id,
                    utf8("{\"address\": {\"city\": \"Leeds\"}, \"other\": {}}")));

            assertThat(decoded.matchesSchema()).isFalse();
            assertThat(decoded.mismatch()).contains("never fetches");
            assertThat(other.requests).hasValue(0);
        }
    }

    @Test
    void jsonSchemasOfDifferentIdsDoNotShareWhatTheirReferencesName() throws Exception {
        registry.register("address", "JSON", ADDRESS_JSON, null);
        registry.register("address-loose", "JSON", "{\"type\": \"object\"}", null);
        int strict = registry.register("orders-value", "JSON", "{\"$ref\": \"address.json\"}", null,
                List.of(new RegisteredSchema.Reference("address.json", "address", 1)));
        int loose = registry.register("returns-value", "JSON", "{\"$ref\": \"address.json\"}", null,
                List.of(new RegisteredSchema.Reference("address.json", "address-loose", 1)));
        var decoder = decoder();

        assertThat(decoder.decode("orders", WireFrame.frame(strict, utf8("{}"))).mismatch()).contains("city");
        assertThat(decoder.decode("returns", WireFrame.frame(loose, utf8("{}"))).matchesSchema()).isTrue();
    }

    @Test
    void aJsonSchemaReferenceTheRegistryDoesNotHaveIsSaidOnTheRecord() {
        int id = registry.register("orders-value", "JSON", ORDER_JSON, null,
                List.of(new RegisteredSchema.Reference("customer.json", "customer", 3)));
        DecodedValue decoded = decoder().decode("orders", WireFrame.frame(id, utf8("{}")));
        assertThat(decoded.problem()).contains("Schema " + id + " refers to customer.json (customer v3), which "
                + "could not be read");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aReferenceTheRegistryDoesNotHaveIsSaidOnTheRecord() {
        int id = registry.register("orders-value", "AVRO", ORDER_AVRO, null,
                List.of(new RegisteredSchema.Reference("shop.Money", "shop.Money", 4)));
        DecodedValue decoded = decoder().decode("orders", WireFrame.frame(id, new byte[] {2, 'x'}));
        assertThat(decoded.problem()).contains("Schema " + id + " refers to shop.Money (shop.Money v4), which could "
                + "not be read").contains("has no subject shop.Money v4");
    }
}
