package dev.flowdeck.views.lag;

import dev.flowdeck.core.lag.LagAlert;
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
 * Shows an alert as a desktop notification in the corner of the screen, with no server involved.
 *
 * <p>A notification is a popup, and a popup hides with its owner: one owned by a minimised window would never be
 * seen, which is exactly when an alert matters most. So while the main window is minimised or hidden, notifications
 * belong to a host of their own: an invisible one-pixel utility window in the screen's corner, kept open, which the
 * notification is placed against.
 */
public final class AlertNotifier {

    private static final Duration SHOWN_FOR = Duration.seconds(12);
    private static final String STYLES = AlertNotifier.class.getResource("notifications.css").toExternalForm();

    private final Stage main;
    private Stage host;

    /** @param main the app's window: notifications sit on it while it is on screen */
    public AlertNotifier(Stage main) {
        this.main = main;
    }

    /** Must run on the FX thread. */
    public void show(LagAlert alert) {
        Stage owner = currentOwner();
        // The popup takes its stylesheets from its owner's scene.
        if (owner.getScene() != null && !owner.getScene().getStylesheets().contains(STYLES)) {
            owner.getScene().getStylesheets().add(STYLES);
        }
        var notification = Notifications.create()
                .title((alert.raised() ? "Alert: " : "Resolved: ") + alert.group() + " on " + alert.cluster())
                .text(alert.message())
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(SHOWN_FOR)
                .threshold(4, Notifications.create().title("Flowdeck").text("Several lag alerts: see the alert log"))
                .owner(owner);
        if (alert.raised()) {
            notification.showWarning();
        } else {
            notification.showInformation();
        }
    }

    /** The window notifications are placed against now: for tests. */
    public Stage currentOwner() {
        return onScreen(main) ? main : host();
    }

    private static boolean onScreen(Stage stage) {
        return stage != null && stage.isShowing() && !stage.isIconified();
    }

    private Stage host() {
        if (host == null) {
            host = new Stage(StageStyle.UTILITY);
            host.setTitle("Flowdeck alerts");
            host.setOpacity(0);
            var pixel = new Region();
            pixel.setPrefSize(1, 1);
            host.setScene(new Scene(pixel, 1, 1));
            Rectangle2D corner = Screen.getPrimary().getVisualBounds();
            host.setX(corner.getMaxX() - 1);
            host.setY(corner.getMaxY() - 1);
        }
        if (!host.isShowing()) {
            host.show();
        }
        return host;
    }

    /** Closes the host window, if one was opened; call when the app stops. */
    public void close() {
        if (host != null) {
            host.close();
        }
    }
}
