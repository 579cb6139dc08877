package dev.flowdeck.views.lag;

import dev.flowdeck.core.lag.LagAlert;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * Shows an alert as a desktop notification (ControlsFX) in the bottom-right corner of the screen, with no server
 * involved.
 *
 * <p>A notification is a popup, and a popup hides with its owner: one owned by the main window would never be seen
 * while Flowdeck is minimised, which is exactly when an alert matters most; it would also sit in the corner of the
 * window, which may reach past the screen. So notifications belong to a host of their own: an invisible utility
 * window the size of one notification in the screen's corner, shown while notifications are up and closed a moment
 * after the last one goes (it covers only the area the notification itself covers).
 */
public final class AlertNotifier {

    private static final Duration SHOWN_FOR = Duration.seconds(12);
    private static final String STYLES = AlertNotifier.class.getResource("notifications.css").toExternalForm();
    private static final double WIDTH = 420;
    private static final double HEIGHT = 110;
    /**
     * Room from the screen's edges: notifications slide in from below their place and stack upwards, and a window
     * reaching past the screen is more than some platforms draw (JavaFX's headless one fails outright).
     */
    private static final double INSET = 120;
    /** Characters per line: a notification's label does not wrap, and an explanation is a long sentence. */
    private static final int LINE = 64;

    private final PauseTransition closeHost = new PauseTransition(SHOWN_FOR.add(Duration.seconds(2)));
    private Stage host;

    public AlertNotifier() {
        closeHost.setOnFinished(event -> close());
    }

    /** Must run on the FX thread. */
    public void show(LagAlert alert) {
        var notification = Notifications.create()
                .title((alert.raised() ? "Alert: " : "Resolved: ") + alert.group() + " on " + alert.cluster())
                .text(wrap(alert.message()))
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(SHOWN_FOR)
                .threshold(4, Notifications.create().title("Flowdeck").text("Several lag alerts: see the alert log"))
                .owner(host());
        if (alert.raised()) {
            notification.showWarning();
        } else {
            notification.showInformation();
        }
        closeHost.playFromStart();
    }

    /** Breaks a sentence into lines of at most {@value #LINE} characters, at spaces. */
    static String wrap(String text) {
        StringBuilder wrapped = new StringBuilder();
        int lineLength = 0;
        for (String word : text.split(" ")) {
            if (lineLength > 0 && lineLength + 1 + word.length() > LINE) {
                wrapped.append('\n');
                lineLength = 0;
            } else if (lineLength > 0) {
                wrapped.append(' ');
                lineLength++;
            }
            wrapped.append(word);
            lineLength += word.length();
        }
        return wrapped.toString();
    }

    /** The window notifications are placed against, shown: for tests. Must run on the FX thread. */
    public Stage host() {
        if (host == null) {
            host = new Stage(StageStyle.UTILITY);
            host.setTitle("Flowdeck alerts");
            host.setOpacity(0);
            var area = new Region();
            var scene = new Scene(area, WIDTH, HEIGHT);
            scene.getStylesheets().add(STYLES); // the popup takes its stylesheets from its owner's scene
            host.setScene(scene);
            host.setWidth(WIDTH);
            host.setHeight(HEIGHT);
        }
        if (!host.isShowing()) {
            host.show();
            // Placed once shown, by its real size (a platform may add decorations).
            Rectangle2D screen = Screen.getPrimary().getVisualBounds();
            host.setX(screen.getMaxX() - host.getWidth() - INSET);
            host.setY(screen.getMaxY() - host.getHeight() - INSET);
        }
        return host;
    }

    /** Closes the host window, if one is open; notifications still up close with it. */
    public void close() {
        closeHost.stop();
        if (host != null && host.isShowing()) {
            host.close();
        }
    }
}
