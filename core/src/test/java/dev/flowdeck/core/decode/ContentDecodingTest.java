package dev.flowdeck.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ContentDecodingTest {

    private static final ContentDecoding PLAIN = ContentDecoding.PLAIN;

    @Test
    void gzipAndBothKindsOfDeflateAreInflated() throws Exception {
        byte[] json = utf8("{\"a\":1}");
        assertThat(PLAIN.decode("application/json", "gzip", null, gzip(json)).json()).isEqualTo(json);
        assertThat(PLAIN.decode("application/json", "GZIP", null, gzip(json)).format())
                .isEqualTo("gzip-compressed application/json");
        assertThat(PLAIN.decode("application/json", "deflate", null, deflate(json, false)).json()).isEqualTo(json);
        assertThat(PLAIN.decode("application/json", "deflate", null, deflate(json, true)).json()).isEqualTo(json);
        assertThat(PLAIN.decode(null, null, null, gzip(json)).json()).as("detected by its magic").isEqualTo(json);
        assertThat(PLAIN.decode("application/octet-stream", null, null, gzip(json)))
                .as("said to be bytes: left as they are").isNull();
    }

    @Test
    void whatNeedsNoReadingIsLeftAlone() {
        assertThat(PLAIN.decode("application/json", null, null, utf8("{}"))).isNull();
        assertThat(PLAIN.decode("text/plain; charset=utf-8", "identity", null, utf8("hi"))).isNull();
        assertThat(PLAIN.decode(null, null, null, new byte[] {1, 2, 3})).isNull();
        assertThat(PLAIN.decode("application/json", "gzip", null, null)).isNull();
    }

    @Test
    void textInAnotherCharsetIsReadIntoUtf8() throws Exception {
        DecodedValue read = PLAIN.decode("text/plain; charset=\"windows-1252\"", null, null,
                "déjà vu".getBytes("windows-1252"));
        assertThat(new String(read.json(), StandardCharsets.UTF_8)).isEqualTo("déjà vu");
        assertThat(read.format()).isEqualTo("text/plain in windows-1252");
        assertThat(PLAIN.decode("text/plain; charset=no-such-charset", null, null, utf8("x"))).isNull();
    }

    @Test
    void aValueThatInflatesPastTheCapIsCutThereAndOneThatDoesNotInflateSaysWhy() throws Exception {
        var small = new ContentDecoding(ContentDecoding.ProtobufReader.NONE, 1_000);
        DecodedValue cut = small.decode("text/plain", "gzip", null, gzip(new byte[5_000]));
        assertThat(cut.json()).hasSize(1_000);
        assertThat(cut.jsonCut()).isTrue();
        assertThat(cut.note()).isEqualTo("gzip-compressed text/plain, cut where it inflated past 1000 bytes");
        assertThat(small.decode("text/plain", "gzip", null, gzip(new byte[1_000])).jsonCut())
                .as("exactly the cap is whole").isFalse();

        DecodedValue broken = PLAIN.decode("application/json", "gzip", null, utf8("not gzip"));
        assertThat(broken.isRead()).isFalse();
        assertThat(broken.problem()).startsWith("The value says it is gzip-compressed but does not inflate");
        assertThat(PLAIN.decode("application/json", "zstd", null, utf8("x")).problem()).contains("'zstd'");
    }

    @Test
    void protobufIsReadByTheNamedMessageTypeWhereADescriptorSetIsConfigured() throws Exception {
        var seen = new String[1];
        var decoding = new ContentDecoding((type, bytes) -> {
            seen[0] = type;
            return DecodedValue.read("Protobuf", -1, type, "", utf8("{\"id\":1}"));
        });
        decoding.decode("application/x-protobuf; messageType=shop.Order", null, null, new byte[] {8, 1});
        assertThat(seen[0]).isEqualTo("shop.Order");
        decoding.decode("application/x-protobuf", "gzip", "shop.Refund", gzip(new byte[] {8, 1}));
        assertThat(seen[0]).as("the AMQP type property names it otherwise").isEqualTo("shop.Refund");
        assertThat(PLAIN.decode("application/x-protobuf", null, "shop.Order", new byte[] {8, 1}))
                .as("no descriptor set: shown as its bytes").isNull();
    }

    private static byte[] gzip(byte[] bytes) throws Exception {
        var out = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] bytes, boolean raw) throws Exception {
        var out = new ByteArrayOutputStream();
        try (var deflate = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            deflate.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
