package dev.flowdeck.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.decode.ContentDecoding;
import dev.flowdeck.core.decode.DecodedValue;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RabbitMQ's Protobuf values, which carry no registry frame, read by the type their message names. */
class AmqpProtobufTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ContentDecoding decoding(Path set) {
        return AmqpProtobuf.forProfile(ConnectionProfile.rabbitMq("shop", "amqp://localhost")
                .withProperties(Map.of(SchemaSettings.PROTOBUF_DESCRIPTORS, set.toString())));
    }

    @Test
    void aValueIsReadByTheMessageTypeItsContentTypeOrTypePropertyNames(@TempDir Path dir) throws Exception {
        Path set = dir.resolve("shop.desc");
        Files.write(set, FileDescriptorSet.newBuilder().addFile(Shop.PAYMENT_PROTO_FILE).build().toByteArray());
        byte[] payment = Shop.protoPayment("pay-8", 10, "sku-2").toByteArray();
        ContentDecoding decoding = decoding(set);

        DecodedValue byContentType = decoding.decode("application/x-protobuf; messageType=shop.Payment", null, null,
                payment);
        assertThat(JSON.readTree(byContentType.json()).at("/line/sku").asText()).isEqualTo("sku-2");
        assertThat(byContentType.note()).isEqualTo("Protobuf (shop.Payment)");

        var gzipped = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(payment);
        }
        DecodedValue byType = decoding.decode("application/x-protobuf", "gzip", "shop.Payment", gzipped.toByteArray());
        assertThat(JSON.readTree(byType.json()).get("id").asText()).isEqualTo("pay-8");

        assertThat(decoding.decode("application/x-protobuf", null, null, payment).problem())
                .contains("does not name its Protobuf type");
        assertThat(decoding.decode("application/x-protobuf", null, "shop.Nothing", payment).problem())
                .contains("has no message shop.Nothing");
    }

    @Test
    void aDescriptorSetThatCannotBeReadIsASentenceOnEachValueAndNoSetReadsNoProtobuf(@TempDir Path dir) {
        DecodedValue missing = decoding(dir.resolve("missing.desc")).decode("application/x-protobuf", null,
                "shop.Payment", new byte[] {10, 1, 65});
        assertThat(missing.isRead()).isFalse();
        assertThat(missing.problem()).contains("could not be read");

        assertThat(AmqpProtobuf.forProfile(ConnectionProfile.rabbitMq("shop", "amqp://localhost")))
                .isSameAs(ContentDecoding.PLAIN);
    }
}
