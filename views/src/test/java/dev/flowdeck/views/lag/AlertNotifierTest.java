package dev.flowdeck.views.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flowdeck.core.lag.AlertKind;
import dev.flowdeck.core.lag.GroupStatus;
import dev.flowdeck.core.lag.LagAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Desktop notifications, with the main window on screen and minimised. */
class AlertNotifierTest {

    private static final LagAlert STALL = new LagAlert(Instant.parse("2026-11-27T08:00:00Z"), "Sandbox Kafka",
            "fraud-audit", AlertKind.STATUS, true, GroupStatus.STALLED,
            "fraud-audit Stalled: Offsets unchanged for 2 min on all 3 partitions while lag rose from 12 to 480");

    private AlertNotifier notifier;

    @BeforeEach
    void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        onFx(() -> {
            if (notifier != null) {
                notifier.close();
            }
            return null;
        });
        FxToolkit.cleanupStages();
    }

    /**
     * A popup shows and hides with its owner, so what keeps a notification on screen while Flowdeck is minimised is
     * that the main window does not own it. That is what is checked: minimising or hiding the main window on
     * JavaFX's headless platform makes its renderer write outside its frame buffer once a popup is up (an
     * IndexOutOfBoundsException in HeadlessWindow.blit), so the window stays open here.
     */
    @Test
    void anAlertPopsUpInTheScreensCornerOwnedByAWindowOfItsOwn() throws Exception {
        Stage main = showMain();
        onFx(() -> {
            notifier = new AlertNotifier();
            notifier.show(STALL);
            return null;
        });
        Stage owner = onFx(() -> notifier.host());
        assertThat(owner).isNotSameAs(main);
        var corner = onFx(() -> javafx.stage.Screen.getPrimary().getVisualBounds());
        assertThat(onFx(() -> owner.getX() + owner.getWidth())).isBetween(corner.getMaxX() - 200, corner.getMaxX());
        assertThat(onFx(() -> owner.getY() + owner.getHeight())).isBetween(corner.getMaxY() - 200, corner.getMaxY());
        assertThat(onFx(owner::getOpacity)).as("the host itself is never seen").isZero();
        assertThat(onFx(owner::isShowing)).isTrue();
        assertThat(onFx(owner::isIconified)).isFalse();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<PopupWindow> popups = onFx(() -> Window.getWindows().stream()
                    .filter(PopupWindow.class::isInstance).map(PopupWindow.class::cast)
                    .filter(popup -> popup.getOwnerWindow() == owner).toList());
            assertThat(popups).isNotEmpty();
            assertThat(onFx(AlertNotifierTest::popupTexts)).anySatisfy(text -> assertThat(text.replace("\n", " ")).contains(STALL.message()));
        });
    }

    @Test
    void longExplanationsAreWrappedAtSpaces() {
        String wrapped = AlertNotifier.wrap(STALL.message());
        assertThat(wrapped.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
        assertThat(wrapped.replace('\n', ' ')).isEqualTo(STALL.message());
    }

    private static Stage showMain() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        onFx(() -> {
            stage.setScene(new Scene(new StackPane(new Label("Flowdeck")), 400, 300));
            stage.show();
            return null;
        });
        return stage;
    }

    /** Every label's text in every popup on screen. */
    private static List<String> popupTexts() {
        return Window.getWindows().stream().filter(PopupWindow.class::isInstance)
                .filter(Window::isShowing)
                .flatMap(popup -> popup.getScene().getRoot().lookupAll(".label").stream())
                .map(AlertNotifierTest::text).toList();
    }

    private static String text(Node node) {
        return node instanceof Label label ? String.valueOf(label.getText()) : "";
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }
}
