package dev.flowdeck.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DecodedValueTest {

    private static final byte[] JSON = "{\"payment_id\":\"p-1\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aProtobufValueSaysWhichMessageOfItsSchemaItWasWrittenAsAndKeepsItWhenCutOrMismatched() {
        DecodedValue refund = DecodedValue.read("Protobuf", 9, "payments-value v4", "syntax = \"proto3\";", JSON)
                .withMessageType("shop.Refund");

        assertThat(refund.note()).isEqualTo("Protobuf shop.Refund, schema id 9 (payments-value v4)");
        assertThat(refund.cutTo(new byte[] {'{'}).messageType()).isEqualTo("shop.Refund");
        assertThat(refund.withMismatch("it carries field Refund #7 that schema 9 does not declare.").note())
                .isEqualTo("Protobuf shop.Refund, schema id 9 (payments-value v4), which it does not match: it "
                        + "carries field Refund #7 that schema 9 does not declare.");
    }

    @Test
    void otherValuesNameNoMessageType() {
        DecodedValue avro = DecodedValue.read("Avro", 7, "orders-value v1", "{}", JSON);
        assertThat(avro.messageType()).isEmpty();
        assertThat(avro.note()).isEqualTo("Avro, schema id 7 (orders-value v1)");
        assertThat(new DecodedValue("Avro", 7, "", "", JSON, null, false, null, null).messageType()).isEmpty();
    }
}
