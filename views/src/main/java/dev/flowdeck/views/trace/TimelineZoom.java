package dev.flowdeck.views.trace;

/**
 * Which stretch of a chain's span the timeline shows, as fractions of it: all of it ({@link #ALL}) until the
 * operator zooms into a burst of hops a few milliseconds apart inside a chain that lasted minutes. Zooming keeps
 * the point under the pointer where it is; the view never leaves the span nor narrows below a thousandth of it.
 *
 * @param start where the view begins, 0 the chain's first event
 * @param end   where it ends, 1 the chain's last event
 */
record TimelineZoom(double start, double end) {

    static final TimelineZoom ALL = new TimelineZoom(0, 1);
    private static final double NARROWEST = 0.001;
    /** One wheel notch or key press: half or double the view. */
    private static final double STEP = 2;

    TimelineZoom {
        if (!(start >= 0 && end <= 1 && end - start >= NARROWEST * 0.999)) {
            throw new IllegalArgumentException("not a view of the span: " + start + " to " + end);
        }
    }

    double width() {
        return end - start;
    }

    /** Where a point of the span (0..1) falls in the view: 0 its left edge, 1 its right, outside beyond them. */
    double place(double share) {
        return (share - start) / width();
    }

    /** Zoomed in (a factor above 1) or out around {@code at}, a place in the view (0..1) that stays put. */
    TimelineZoom zoom(double factor, double at) {
        double width = Math.clamp(width() / factor, NARROWEST, 1);
        double anchor = start + Math.clamp(at, 0, 1) * width();
        double from = anchor - Math.clamp(at, 0, 1) * width;
        return within(from, width);
    }

    TimelineZoom in(double at) {
        return zoom(STEP, at);
    }

    TimelineZoom out(double at) {
        return zoom(1 / STEP, at);
    }

    /** Moved by {@code views} widths of the view (negative: earlier), stopping at the span's ends. */
    TimelineZoom pan(double views) {
        return within(start + views * width(), width());
    }

    boolean isAll() {
        return start == 0 && end == 1;
    }

    private static TimelineZoom within(double from, double width) {
        double start = Math.clamp(from, 0, 1 - width);
        return new TimelineZoom(start, Math.min(1, start + width));
    }
}
