package dev.flowdeck.app;

import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.views.cluster.ClusterViewModel;
import dev.flowdeck.views.shell.MainWindow;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: creates the executors, the session and the window, and tears them down in reverse on exit.
 * Nothing else in the app constructs a service.
 */
public final class FlowdeckApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(FlowdeckApp.class);

    private LaunchOptions options;
    private AppExecutors executors;
    private ClusterSession session;

    @Override
    public void init() {
        options = LaunchOptions.parse(getParameters().getRaw());
        executors = AppExecutors.create();
    }

    @Override
    public void start(Stage stage) {
        var cluster = new ClusterViewModel(options.profileName(), BrokerKind.KAFKA, Platform::runLater,
                Clock.systemDefaultZone());
        var window = new MainWindow(List.of(cluster));
        stage.setTitle("Flowdeck — " + options.profileName());
        stage.setScene(window.createScene());
        stage.setMinWidth(800);
        stage.setMinHeight(500);
        stage.show();
        LOG.info("Flowdeck window open {} ms after the JVM started",
                ManagementFactory.getRuntimeMXBean().getUptime());
        session = ClusterSession.open(options, cluster, executors, Platform::runLater);
    }

    @Override
    public void stop() {
        if (session != null) {
            session.close();
        }
        if (executors != null) {
            executors.close();
        }
    }
}
