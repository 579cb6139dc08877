package dev.flowdeck.app;

/**
 * Whether a snapshot of the window shows something: a scene that failed to render (no pipeline, a broken
 * stylesheet, a GPU that hands back nothing) comes out as one flat colour, or transparent. A drawn window has text,
 * borders and controls, so its pixels differ. Pure logic over ARGB pixels, so it is tested without a screen.
 *
 * @param width    snapshot width in pixels
 * @param height   snapshot height in pixels
 * @param colours  distinct colours seen (counted up to {@link #COLOUR_CAP})
 * @param spread   the standard deviation of the pixels' luminance (0 to 255)
 * @param opaque   the share of pixels that are not fully transparent
 */
public record RenderCheck(int width, int height, int colours, double spread, double opaque) {

    /** Counting stops here: enough to tell a drawn window from a flat one. */
    static final int COLOUR_CAP = 4096;
    /** A window with a few labels on a plain background already has a spread of several units. */
    static final double MIN_SPREAD = 2.0;
    static final int MIN_COLOURS = 8;

    public static RenderCheck of(int[] argb, int width, int height) {
        if (argb.length != width * height) {
            throw new IllegalArgumentException("expected " + width * height + " pixels, got " + argb.length);
        }
        var seen = new java.util.HashSet<Integer>();
        double sum = 0;
        double squares = 0;
        long opaque = 0;
        for (int pixel : argb) {
            if (seen.size() < COLOUR_CAP) {
                seen.add(pixel);
            }
            if (pixel >>> 24 != 0) {
                opaque++;
            }
            double luminance = 0.2126 * (pixel >> 16 & 0xff) + 0.7152 * (pixel >> 8 & 0xff) + 0.0722 * (pixel & 0xff);
            sum += luminance;
            squares += luminance * luminance;
        }
        int n = Math.max(1, argb.length);
        double mean = sum / n;
        double spread = Math.sqrt(Math.max(0, squares / n - mean * mean));
        return new RenderCheck(width, height, seen.size(), spread, (double) opaque / n);
    }

    /** Drawn: mostly opaque, several colours and a real spread of brightness. */
    public boolean rendered() {
        return width > 0 && height > 0 && opaque > 0.5 && colours >= MIN_COLOURS && spread >= MIN_SPREAD;
    }

    public String describe() {
        return "%dx%d pixels, %s%d colours, luminance spread %.1f, %.0f%% opaque".formatted(width, height,
                colours >= COLOUR_CAP ? "at least " : "", colours, spread, opaque * 100);
    }
}
