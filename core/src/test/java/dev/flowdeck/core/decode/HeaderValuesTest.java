package dev.flowdeck.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HeaderValuesTest {

    @Test
    void springsBinaryPartitionOffsetAndTimestampReadAsNumbers() {
        assertThat(HeaderValues.show("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(2).array()))
                .isEqualTo(new HeaderValues.Shown("2", HeaderValues.Kind.NUMBER));
        assertThat(HeaderValues.show("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(4711L).array()))
                .isEqualTo(new HeaderValues.Shown("4711", HeaderValues.Kind.NUMBER));
        assertThat(HeaderValues.show("kafka_dlt-original-timestamp",
                ByteBuffer.allocate(8).putLong(1_795_000_000_000L).array()).text()).isEqualTo("1795000000000");
    }

    @Test
    void textIsTextAndEverythingElseHex() {
        assertThat(HeaderValues.show("traceparent", utf8("00-0af7-01")))
                .isEqualTo(new HeaderValues.Shown("00-0af7-01", HeaderValues.Kind.TEXT));
        assertThat(HeaderValues.show("some-int", ByteBuffer.allocate(4).putInt(2).array()))
                .as("an unknown binary int is not text, even though it is valid UTF-8")
                .isEqualTo(new HeaderValues.Shown("0x00000002", HeaderValues.Kind.BINARY));
        assertThat(HeaderValues.show("raw", new byte[] {(byte) 0xC3, 0x28}).kind()).isEqualTo(HeaderValues.Kind.BINARY);
        assertThat(HeaderValues.show("empty", null).kind()).isEqualTo(HeaderValues.Kind.NULL);
        // A Spring name with the wrong length is shown as it is, not misread.
        assertThat(HeaderValues.show("kafka_dlt-original-offset", utf8("12")).text()).isEqualTo("12");
    }

    @Test
    void anyBytesShowWithoutThrowing() {
        var random = new SplittableRandom(11);
        String[] names = {"kafka_dlt-original-partition", "kafka_dlt-original-offset", "x", "traceparent"};
        for (int run = 0; run < 10_000; run++) {
            byte[] bytes = new byte[random.nextInt(0, 40)];
            random.nextBytes(bytes);
            var shown = HeaderValues.show(names[run % names.length], bytes);
            assertThat(shown.text()).isNotNull();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
