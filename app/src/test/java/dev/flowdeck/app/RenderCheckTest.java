package dev.flowdeck.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RenderCheckTest {

    private static final int W = 200;
    private static final int H = 100;

    @Test
    void aFlatColourIsBlank() {
        int[] pixels = new int[W * H];
        Arrays.fill(pixels, 0xfff6f8fa);

        var check = RenderCheck.of(pixels, W, H);

        assertThat(check.rendered()).isFalse();
        assertThat(check.colours()).isEqualTo(1);
        assertThat(check.spread()).isZero();
    }

    @Test
    void aTransparentSnapshotIsBlankWhateverItsColours() {
        int[] pixels = new int[W * H];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i & 0x00ffffff; // many colours, all with alpha 0
        }

        assertThat(RenderCheck.of(pixels, W, H).rendered()).isFalse();
    }

    @Test
    void aWindowWithTextAndBordersIsRendered() {
        int[] pixels = window();

        var check = RenderCheck.of(pixels, W, H);

        assertThat(check.rendered()).isTrue();
        assertThat(check.describe()).contains("200x100 pixels").contains("100% opaque");
    }

    @Test
    void aFewStrayPixelsOnAFlatBackgroundAreStillBlank() {
        int[] pixels = new int[W * H];
        Arrays.fill(pixels, 0xffffffff);
        for (int i = 0; i < 5; i++) {
            pixels[i * 97] = 0xff000000 | i * 0x101010;
        }

        assertThat(RenderCheck.of(pixels, W, H).rendered()).isFalse();
    }

    @Test
    void refusesAPixelCountThatDoesNotMatchTheSize() {
        assertThatThrownBy(() -> RenderCheck.of(new int[10], W, H)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A light background, a dark toolbar band, a border and rows of grey "text" strokes in a few shades. */
    private static int[] window() {
        int[] pixels = new int[W * H];
        Arrays.fill(pixels, 0xfff6f8fa);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < W; x++) {
                pixels[y * W + x] = 0xff24292f;
            }
        }
        for (int y = 20; y < H; y += 10) {
            for (int x = 10; x < W - 10; x++) {
                int shade = 0x30 + (x * 7 + y) % 0x90;
                if (x % 9 < 6) {
                    pixels[y * W + x] = 0xff000000 | shade << 16 | shade << 8 | shade;
                }
            }
        }
        for (int y = 0; y < H; y++) {
            pixels[y * W] = 0xff0969da;
            pixels[y * W + W - 1] = 0xff0969da;
        }
        return pixels;
    }
}
