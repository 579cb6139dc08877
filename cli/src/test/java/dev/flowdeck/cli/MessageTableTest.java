package dev.flowdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.browse.BrowsedMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTableTest {

    private static final Instant T = Instant.parse("2026-05-01T09:30:00Z");

    @Test
    void alignedColumnsUnderAHeaderNoLineWiderThanTheTerminal() {
        String long_ = "{\"orderId\":\"ord-1\",\"lines\":[" + "{\"sku\":\"SKU-1\",\"qty\":2},".repeat(20) + "]}";
        List<String> lines = table(120, new BrowsedMessage("orders", 2, 42, T, bytes("ord-1"), bytes(long_),
                List.of()), new BrowsedMessage("orders", 11, 1234567, T.plusMillis(5), null, null, List.of()));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("TIME                      PART      OFFSET  KEY                   VALUE");
        assertThat(lines.get(1))
                .startsWith("2026-05-01T09:30:00.000Z     2          42  ord-1                 {\"orderId\"")
                .endsWith("…").hasSize(120);
        assertThat(lines.get(2)).isEqualTo(
                "2026-05-01T09:30:00.005Z    11     1234567  -                     (tombstone)");
        assertThat(lines.get(1).indexOf("{")).isEqualTo(lines.get(0).indexOf("VALUE"));
    }

    @Test
    void aNarrowTerminalNarrowsTheKeyFirst() {
        var message = new BrowsedMessage("orders", 0, 1, T, bytes("a-rather-long-order-key"), bytes("x".repeat(200)),
                List.of());
        for (int width : new int[] {70, 80, 100, 120, 200}) {
            assertThat(table(width, message)).as("width " + width)
                    .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(width))
                    .last().satisfies(line -> assertThat(line).hasSize(width));
        }
        assertThat(table(80, message).get(1)).contains("  a-rather-l…  ");
    }

    @Test
    void aPreviewIsOneLineOfTextOrHex() {
        assertThat(MessageTable.preview(bytes("a\nb\tc"), 20, "")).isEqualTo("a b c");
        assertThat(MessageTable.preview(bytes("abcdefghij"), 5, "")).isEqualTo("abcd…");
        assertThat(MessageTable.preview(new byte[] {(byte) 0x80, 0x01}, 20, "")).isEqualTo("0x8001");
        assertThat(MessageTable.preview(new byte[] {(byte) 0xff, 1, 2, 3, 4, 5}, 6, "")).isEqualTo("0xff0…");
        assertThat(MessageTable.preview(null, 20, "(none)")).isEqualTo("(none)");
        assertThat(MessageTable.preview(new byte[0], 20, "(none)")).isEmpty();
    }

    @Test
    void nothingWrittenNothingShown() {
        assertThat(table(120)).isEmpty();
    }

    private static List<String> table(int width, BrowsedMessage... messages) {
        var out = new ByteArrayOutputStream();
        try (var table = new MessageTable(out, StandardCharsets.UTF_8, width)) {
            for (BrowsedMessage message : messages) {
                table.write(message);
            }
            assertThat(table.written()).isEqualTo(messages.length);
        }
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
