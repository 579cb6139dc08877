package dev.flowdeck.schemas;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/** The schemas the tests write with, through the real libraries' writers (Avro's GenericDatumWriter, protobuf's). */
final class Shop {

    static final String PAYMENT_AVRO = """
            {"type": "record", "name": "Payment", "namespace": "shop", "fields": [
              {"name": "id", "type": "string"},
              {"name": "amountCents", "type": "long"},
              {"name": "currency", "type": {"type": "enum", "name": "Currency", "symbols": ["EUR", "USD"]}},
              {"name": "note", "type": ["null", "string"], "default": null},
              {"name": "tags", "type": {"type": "array", "items": "string"}, "default": []},
              {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}}
            ]}""";

    static final Schema PAYMENT = new Schema.Parser().parse(PAYMENT_AVRO);

    static final String PAYMENT_PROTO = """
            syntax = "proto3";
            package shop;
            // a comment naming message Decoy { } must not count
            message Payment {
              string id = 1;
              int64 amount_cents = 2;
              message Line { string sku = 1; }
              Line line = 3;
            }
            message Refund { string payment_id = 1; }
            """;

    static final FileDescriptorProto PAYMENT_PROTO_FILE = FileDescriptorProto.newBuilder()
            .setName("shop/payment.proto").setPackage("shop").setSyntax("proto3")
            .addMessageType(DescriptorProto.newBuilder().setName("Payment")
                    .addField(field("id", 1, FieldDescriptorProto.Type.TYPE_STRING, null))
                    .addField(field("amount_cents", 2, FieldDescriptorProto.Type.TYPE_INT64, null))
                    .addNestedType(DescriptorProto.newBuilder().setName("Line")
                            .addField(field("sku", 1, FieldDescriptorProto.Type.TYPE_STRING, null)))
                    .addField(field("line", 3, FieldDescriptorProto.Type.TYPE_MESSAGE, ".shop.Payment.Line")))
            .addMessageType(DescriptorProto.newBuilder().setName("Refund")
                    .addField(field("payment_id", 1, FieldDescriptorProto.Type.TYPE_STRING, null)))
            .build();

    private Shop() {
    }

    static GenericRecord payment(String id, long cents, String note) {
        GenericRecord record = new GenericData.Record(PAYMENT);
        record.put("id", id);
        record.put("amountCents", cents);
        record.put("currency", new GenericData.EnumSymbol(PAYMENT.getField("currency").schema(), "EUR"));
        record.put("note", note);
        record.put("tags", new GenericData.Array<>(PAYMENT.getField("tags").schema(), java.util.List.of("a", "b")));
        Schema price = PAYMENT.getField("price").schema();
        record.put("price", new org.apache.avro.Conversions.DecimalConversion()
                .toBytes(new java.math.BigDecimal("12.34"), price, price.getLogicalType()));
        return record;
    }

    /** Avro's binary encoding of the record, as a registry serializer writes it after the frame. */
    static byte[] avro(GenericRecord record) {
        var out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] framedAvro(int schemaId, GenericRecord record) {
        return WireFrame.frame(schemaId, avro(record));
    }

    static FileDescriptor protoFile() {
        try {
            return FileDescriptor.buildFrom(PAYMENT_PROTO_FILE, new FileDescriptor[0]);
        } catch (com.google.protobuf.Descriptors.DescriptorValidationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Protobuf frame: magic, id, the message indexes (zigzag varints, a lone 0 for the first message), message. */
    static byte[] framedProto(int schemaId, byte[] indexes, DynamicMessage message) {
        byte[] body = message.toByteArray();
        byte[] payload = new byte[indexes.length + body.length];
        System.arraycopy(indexes, 0, payload, 0, indexes.length);
        System.arraycopy(body, 0, payload, indexes.length, body.length);
        return WireFrame.frame(schemaId, payload);
    }

    static DynamicMessage protoPayment(String id, long cents, String sku) {
        Descriptor payment = protoFile().findMessageTypeByName("Payment");
        Descriptor line = payment.findNestedTypeByName("Line");
        return DynamicMessage.newBuilder(payment)
                .setField(payment.findFieldByName("id"), id)
                .setField(payment.findFieldByName("amount_cents"), cents)
                .setField(payment.findFieldByName("line"), DynamicMessage.newBuilder(line)
                        .setField(line.findFieldByName("sku"), sku).build())
                .build();
    }

    private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type,
                                              String typeName) {
        var field = FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).setJsonName(toCamel(name));
        if (typeName != null) {
            field.setTypeName(typeName);
        }
        return field.build();
    }

    private static String toCamel(String name) {
        StringBuilder camel = new StringBuilder();
        boolean up = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                camel.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return camel.toString();
    }
}
