package dev.flowdeck.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.transform.Transform;
import javafx.stage.PopupWindow;
import javafx.stage.Window;
import javax.imageio.ImageIO;

/**
 * Pictures of the window at a journey's key steps, as PNG files in {@code target/journeys} (copied to
 * {@code docs/journeys} for the README's tour), and a line per journey: its actions and its wall time.
 */
final class JourneyCamera {

    static final Path DIRECTORY = Path.of("target", "journeys");

    private final List<String> lines = new ArrayList<>();

    /**
     * Snapshots {@code scene} (on the FX thread) into {@code <name>.png}, with the popups over it (the command
     * palette is a window of its own) drawn where they stand.
     *
     * @return the picture's mean brightness, 0 (black) to 1 (white)
     */
    double shoot(Scene scene, String name) throws Exception {
        return shoot(scene, name, 1);
    }

    /**
     * As {@link #shoot(Scene, String)}, drawn at {@code scale} device pixels per pixel: what a HiDPI screen shows
     * (the window is laid out the same, its text and icons rendered at the finer grain). Popups are left out.
     */
    double shoot(Scene scene, String name, int scale) throws Exception {
        var picture = new BufferedImage((int) scene.getWidth() * scale, (int) scene.getHeight() * scale,
                BufferedImage.TYPE_INT_ARGB);
        AppTestSupport.onFx(() -> {
            if (scale != 1) {
                var parameters = new SnapshotParameters();
                parameters.setTransform(Transform.scale(scale, scale));
                paint(picture, scene.getRoot().snapshot(parameters, null), 0, 0);
                return null;
            }
            paint(picture, scene.snapshot(null), 0, 0);
            Window window = scene.getWindow();
            for (Window popup : Window.getWindows()) {
                if (popup instanceof PopupWindow owned && owned.isShowing() && owned.getOwnerWindow() == window) {
                    paint(picture, owned.getScene().snapshot(null),
                            (int) (owned.getX() + owned.getScene().getX() - window.getX() - scene.getX()),
                            (int) (owned.getY() + owned.getScene().getY() - window.getY() - scene.getY()));
                }
            }
            return null;
        });
        Files.createDirectories(DIRECTORY);
        ImageIO.write(picture, "png", DIRECTORY.resolve(name + ".png").toFile());
        return brightness(picture);
    }

    private static double brightness(BufferedImage picture) {
        double sum = 0;
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                int rgb = picture.getRGB(x, y);
                sum += 0.2126 * (rgb >> 16 & 0xFF) + 0.7152 * (rgb >> 8 & 0xFF) + 0.0722 * (rgb & 0xFF);
            }
        }
        return sum / (255.0 * picture.getWidth() * picture.getHeight());
    }

    /** Draws {@code image} onto {@code picture} at (left, top), clipped to it, blending its transparent parts. */
    private static void paint(BufferedImage picture, WritableImage image, int left, int top) {
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < (int) image.getHeight(); y++) {
            for (int x = 0; x < (int) image.getWidth(); x++) {
                int px = left + x;
                int py = top + y;
                int argb = pixels.getArgb(x, y);
                if (px >= 0 && py >= 0 && px < picture.getWidth() && py < picture.getHeight() && argb >>> 24 != 0) {
                    picture.setRGB(px, py, argb);
                }
            }
        }
    }

    /** Notes how a journey went, for the closing note and the README. */
    void note(String journey, int actions, java.time.Duration wall) {
        lines.add("| %s | %d | %.1f s |".formatted(journey, actions, wall.toMillis() / 1000.0));
        try {
            Files.createDirectories(DIRECTORY);
            Files.write(DIRECTORY.resolve("journeys.md"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
