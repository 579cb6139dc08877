package dev.flowdeck.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import dev.flowdeck.core.decode.DecodedValue;
import dev.flowdeck.core.decode.SchemaAccess;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Protobuf schemas of several messages, some of which take the same JSON: a value written back (a replay's edit)
 * keeps the message indexes it was read with, and produce writes the message the operator names, refusing to pick
 * one itself. Values are written by protobuf-java (generated classes of {@code descriptor.proto}, and dynamic
 * messages of a file built here), read through the registry stand-in, and read back by protobuf-java.
 */
class ProtobufMessageTypesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * {@code shop/stock.proto}: an order and a return have the same fields, and so do an order's line and a
     * restock; a note is declared twice (top level and inside a line).
     * <pre>
     * message Order { string id = 1; repeated Line lines = 2;
     *   message Line { string sku = 1; int32 qty = 2; Note note = 3; message Note { string text = 1; } } }
     * message Return { string id = 1; repeated Order.Line lines = 2; }
     * message Restock { string sku = 1; int32 qty = 2; Order.Line.Note note = 3; }
     * message Note { string text = 1; }
     * </pre>
     */
    private static final FileDescriptorProto STOCK = FileDescriptorProto.newBuilder()
            .setName("shop/stock.proto").setPackage("shop").setSyntax("proto3")
            .addMessageType(DescriptorProto.newBuilder().setName("Order")
                    .addField(field("id", 1, FieldDescriptorProto.Type.TYPE_STRING, null))
                    .addField(field("lines", 2, FieldDescriptorProto.Type.TYPE_MESSAGE, ".shop.Order.Line")
                            .setLabel(FieldDescriptorProto.Label.LABEL_REPEATED))
                    .addNestedType(DescriptorProto.newBuilder().setName("Line")
                            .addField(field("sku", 1, FieldDescriptorProto.Type.TYPE_STRING, null))
                            .addField(field("qty", 2, FieldDescriptorProto.Type.TYPE_INT32, null))
                            .addField(field("note", 3, FieldDescriptorProto.Type.TYPE_MESSAGE,
                                    ".shop.Order.Line.Note"))
                            .addNestedType(DescriptorProto.newBuilder().setName("Note")
                                    .addField(field("text", 1, FieldDescriptorProto.Type.TYPE_STRING, null)))))
            .addMessageType(DescriptorProto.newBuilder().setName("Return")
                    .addField(field("id", 1, FieldDescriptorProto.Type.TYPE_STRING, null))
                    .addField(field("lines", 2, FieldDescriptorProto.Type.TYPE_MESSAGE, ".shop.Order.Line")
                            .setLabel(FieldDescriptorProto.Label.LABEL_REPEATED)))
            .addMessageType(DescriptorProto.newBuilder().setName("Restock")
                    .addField(field("sku", 1, FieldDescriptorProto.Type.TYPE_STRING, null))
                    .addField(field("qty", 2, FieldDescriptorProto.Type.TYPE_INT32, null))
                    .addField(field("note", 3, FieldDescriptorProto.Type.TYPE_MESSAGE, ".shop.Order.Line.Note")))
            .addMessageType(DescriptorProto.newBuilder().setName("Note")
                    .addField(field("text", 1, FieldDescriptorProto.Type.TYPE_STRING, null)))
            .build();

    private static final String STOCK_TEXT = """
            syntax = "proto3";
            package shop;
            message Order { string id = 1; repeated Line lines = 2;
              message Line { string sku = 1; int32 qty = 2; Note note = 3; message Note { string text = 1; } } }
            message Return { string id = 1; repeated Order.Line lines = 2; }
            message Restock { string sku = 1; int32 qty = 2; Order.Line.Note note = 3; }
            message Note { string text = 1; }
            """;

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

    private static FileDescriptor stock() throws Exception {
        return FileDescriptor.buildFrom(STOCK, new FileDescriptor[0]);
    }

    @Test
    void aValueWrittenBackKeepsTheMessageIndexesItWasReadWithAtEveryDepth() throws Exception {
        int id = registry.register("stock-value", "PROTOBUF", STOCK_TEXT, STOCK.toByteArray());
        FileDescriptor file = stock();
        Descriptor order = file.findMessageTypeByName("Order");
        Descriptor line = order.findNestedTypeByName("Line");
        Descriptor note = line.findNestedTypeByName("Note");
        Descriptor returned = file.findMessageTypeByName("Return");
        Descriptor restock = file.findMessageTypeByName("Restock");
        // The frame's indexes as Confluent's serializer writes them: zigzag varints, a count then the path; [0] as
        // one zero byte.
        Map<String, byte[]> written = new HashMap<>();
        written.put("shop.Order", Shop.framedProto(id, new byte[] {0}, orderLike(order, "o-1")));
        written.put("shop.Return", Shop.framedProto(id, new byte[] {2, 2}, orderLike(returned, "r-1")));
        written.put("shop.Restock", Shop.framedProto(id, new byte[] {2, 4}, lineLike(restock, "sku-1")));
        written.put("shop.Order.Line", Shop.framedProto(id, new byte[] {4, 0, 0}, lineLike(line, "sku-2")));
        written.put("shop.Order.Line.Note", Shop.framedProto(id, new byte[] {6, 0, 0, 0},
                DynamicMessage.newBuilder(note).setField(note.findFieldByName("text"), "fragile").build()));
        written.put("shop.Note", Shop.framedProto(id, new byte[] {2, 6}, DynamicMessage.newBuilder(
                file.findMessageTypeByName("Note")).setField(file.findMessageTypeByName("Note")
                .findFieldByName("text"), "top").build()));
        var decoder = decoder();

        for (Map.Entry<String, byte[]> each : written.entrySet()) {
            byte[] original = each.getValue();
            DecodedValue read = decoder.decode("stock", original);
            assertThat(read.messageType()).as(each.getKey()).isEqualTo(each.getKey());
            ObjectNode edited = (ObjectNode) JSON.readTree(read.json());
            String changed = edited.has("sku") ? "sku" : edited.has("id") ? "id" : "text";
            edited.put(changed, "edited");

            byte[] back = decoder.write(read, JSON.writeValueAsBytes(edited));

            assertThat(indexesOf(back)).as(each.getKey() + ": the same message indexes")
                    .isEqualTo(indexesOf(original));
            Descriptor type = find(file, each.getKey());
            DynamicMessage parsed = DynamicMessage.parseFrom(type, payloadAfterIndexes(back));
            assertThat(parsed.getField(type.findFieldByName(changed))).as(each.getKey()).isEqualTo("edited");
            assertThat(parsed.getUnknownFields().asMap()).isEmpty();
            assertThat(decoder.decode("stock", back).messageType()).isEqualTo(each.getKey());
        }
    }

    @Test
    void generatedMessagesOfDescriptorProtoThatTakeTheSameJsonAreWrittenBackAsTheMessageTheyWere() throws Exception {
        FileDescriptorProto descriptorFile = DescriptorProtos.getDescriptor().toProto();
        int id = registry.register("descriptors-value", "PROTOBUF", "// descriptor.proto",
                descriptorFile.toByteArray());
        // An enum's reserved range {start, end} takes the same JSON as a message's extension range, which comes
        // first in the file: a guess by JSON would write it back as the wrong message.
        Descriptor enumRange = EnumDescriptorProto.EnumReservedRange.getDescriptor();
        List<Integer> path = List.of(enumRange.getContainingType().getIndex(), enumRange.getIndex());
        byte[] original = framed(id, path, EnumDescriptorProto.EnumReservedRange.newBuilder().setStart(3).setEnd(9)
                .build().toByteArray());
        var decoder = decoder();

        DecodedValue read = decoder.decode("descriptors", original);
        byte[] back = decoder.write(read, "{\"start\": 4, \"end\": 9}".getBytes(StandardCharsets.UTF_8));

        assertThat(read.messageType()).isEqualTo("google.protobuf.EnumDescriptorProto.EnumReservedRange");
        assertThat(JSON.readTree(read.json()).get("start").asInt()).isEqualTo(3);
        assertThat(indexesOf(back)).isEqualTo(path);
        var parsed = EnumDescriptorProto.EnumReservedRange.parseFrom(payloadAfterIndexes(back));
        assertThat(parsed.getStart()).isEqualTo(4);
        assertThat(parsed.getEnd()).isEqualTo(9);

        Descriptor extensionRange = DescriptorProto.ExtensionRange.getDescriptor();
        byte[] produced = decoder.encode(SchemaAccess.SchemaChoice.id(id).withMessageType(
                "google.protobuf.DescriptorProto.ExtensionRange"), "{\"start\": 1, \"end\": 2}"
                .getBytes(StandardCharsets.UTF_8)).value();
        assertThat(indexesOf(produced)).containsExactly(extensionRange.getContainingType().getIndex(),
                extensionRange.getIndex());
        assertThat(DescriptorProto.ExtensionRange.parseFrom(payloadAfterIndexes(produced)).getEnd()).isEqualTo(2);
    }

    @Test
    void produceWritesTheMessageTheOperatorNamesAndRefusesToPickOneOfSeveral() throws Exception {
        int id = registry.register("stock-value", "PROTOBUF", STOCK_TEXT, STOCK.toByteArray());
        var schemas = new ProfileSchemas(registry.profile(Map.of()), decoder -> { },
                ProfileSchemas.FormatStore.SESSION_ONLY);
        byte[] json = "{\"sku\":\"s-1\",\"qty\":2}".getBytes(StandardCharsets.UTF_8);

        SchemaAccess.Encoded restock = schemas.encode("stock", SchemaAccess.SchemaChoice.subject("stock-value", -1)
                .withMessageType("shop.Restock"), json);
        SchemaAccess.Encoded line = schemas.encode("stock", SchemaAccess.SchemaChoice.id(id)
                .withMessageType("Line"), json); // a simple name only one message has

        assertThat(indexesOf(restock.value())).containsExactly(2);
        assertThat(indexesOf(line.value())).containsExactly(0, 0);
        assertThat(decoder().decode("stock", line.value()).messageType()).isEqualTo("shop.Order.Line");
        assertThatThrownBy(() -> schemas.encode("stock", SchemaAccess.SchemaChoice.id(id), json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Protobuf schema " + id + " declares 4 messages (shop.Order, shop.Return, shop.Restock, "
                        + "shop.Note): name the message type the value is written as; Flowdeck does not guess it. "
                        + "Nothing was sent.");
        assertThatThrownBy(() -> schemas.encode("stock", SchemaAccess.SchemaChoice.id(id).withMessageType("Note"),
                "{\"text\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("has 2 messages called Note (shop.Order.Line.Note, shop.Note): name one by "
                        + "its full name");
        assertThatThrownBy(() -> schemas.encode("stock", SchemaAccess.SchemaChoice.id(id).withMessageType(
                "shop.Refund"), json)).hasMessageContaining("has no message shop.Refund");
    }

    @Test
    void produceUsesTheMessageTypeTheTopicsDecodeAsNamesAndASchemaOfOneMessageNeedsNone() throws Exception {
        int id = registry.register("stock-value", "PROTOBUF", STOCK_TEXT, STOCK.toByteArray());
        FileDescriptorProto single = FileDescriptorProto.newBuilder().setName("shop/ping.proto").setPackage("shop")
                .setSyntax("proto3").addMessageType(DescriptorProto.newBuilder().setName("Ping")
                        .addField(field("at", 1, FieldDescriptorProto.Type.TYPE_INT64, null))
                        .addNestedType(DescriptorProto.newBuilder().setName("Detail"))).build();
        int pingId = registry.register("pings-value", "PROTOBUF", "syntax = \"proto3\"; package shop; "
                + "message Ping { int64 at = 1; message Detail {} }", single.toByteArray());
        var schemas = new ProfileSchemas(registry.profile(Map.of(SchemaSettings.TOPIC_FORMAT + "restocks",
                "protobuf:shop.Restock")), decoder -> { }, ProfileSchemas.FormatStore.SESSION_ONLY);

        SchemaAccess.Encoded restock = schemas.encode("restocks", SchemaAccess.SchemaChoice.id(id),
                "{\"sku\":\"s-2\"}".getBytes(StandardCharsets.UTF_8));
        SchemaAccess.Encoded ping = schemas.encode("pings", SchemaAccess.SchemaChoice.id(pingId),
                "{\"at\":\"5\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(indexesOf(restock.value())).containsExactly(2);
        assertThat(ping.value()[5]).as("the first message, as one zero byte").isZero();
        assertThat(indexesOf(ping.value())).containsExactly(0);
    }

    private static DynamicMessage orderLike(Descriptor type, String id) {
        Descriptor line = type.findFieldByName("lines").getMessageType();
        return DynamicMessage.newBuilder(type).setField(type.findFieldByName("id"), id)
                .addRepeatedField(type.findFieldByName("lines"), lineLike(line, "sku-" + id)).build();
    }

    private static DynamicMessage lineLike(Descriptor type, String sku) {
        return DynamicMessage.newBuilder(type).setField(type.findFieldByName("sku"), sku)
                .setField(type.findFieldByName("qty"), 3).build();
    }

    private static Descriptor find(FileDescriptor file, String fullName) {
        List<Descriptor> all = new ArrayList<>();
        file.getMessageTypes().forEach(type -> collect(type, all));
        return all.stream().filter(type -> type.getFullName().equals(fullName)).findFirst().orElseThrow();
    }

    private static void collect(Descriptor type, List<Descriptor> into) {
        into.add(type);
        type.getNestedTypes().forEach(nested -> collect(nested, into));
    }

    /** The frame with Confluent's message-index list: a zigzag count, then each index ({@code [0]}: one 0). */
    private static byte[] framed(int schemaId, List<Integer> indexes, byte[] message) throws Exception {
        var out = new ByteArrayOutputStream();
        CodedOutputStream coded = CodedOutputStream.newInstance(out);
        coded.writeSInt32NoTag(indexes.size());
        for (int index : indexes) {
            coded.writeSInt32NoTag(index);
        }
        coded.writeRawBytes(message);
        coded.flush();
        return WireFrame.frame(schemaId, out.toByteArray());
    }

    /** The message-index list after the 5-byte header, as Confluent's deserializer reads it. */
    private static List<Integer> indexesOf(byte[] framed) throws Exception {
        CodedInputStream in = CodedInputStream.newInstance(framed, 5, framed.length - 5);
        int count = in.readSInt32();
        if (count == 0) {
            return List.of(0);
        }
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            indexes.add(in.readSInt32());
        }
        return indexes;
    }

    private static byte[] payloadAfterIndexes(byte[] framed) throws Exception {
        CodedInputStream in = CodedInputStream.newInstance(framed, 5, framed.length - 5);
        int count = in.readSInt32();
        for (int i = 0; i < count; i++) {
            in.readSInt32();
        }
        return Arrays.copyOfRange(framed, 5 + in.getTotalBytesRead(), framed.length);
    }

    private static FieldDescriptorProto.Builder field(String name, int number, FieldDescriptorProto.Type type,
                                                      String typeName) {
        var field = FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
        if (typeName != null) {
            field.setTypeName(typeName);
        }
        return field;
    }
}
