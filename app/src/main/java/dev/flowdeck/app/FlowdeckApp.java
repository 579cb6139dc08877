package dev.flowdeck.app;

import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.broker.Credentials;
import dev.flowdeck.sandbox.RabbitSandbox;
import dev.flowdeck.views.cluster.ClusterViewModel;
import dev.flowdeck.views.shell.MainWindow;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
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
    private final List<ClusterSession> sessions = new ArrayList<>();

    @Override
    public void init() {
        options = LaunchOptions.parse(getParameters().getRaw());
        executors = AppExecutors.create();
    }

    @Override
    public void start(Stage stage) {
        Clock clock = Clock.systemDefaultZone();
        List<ClusterViewModel> clusters = new ArrayList<>();
        List<Runnable> openers = new ArrayList<>();
        if (options.sandbox()) {
            var kafka = new ClusterViewModel("Sandbox Kafka", BrokerKind.KAFKA, Platform::runLater, clock);
            clusters.add(kafka);
            openers.add(() -> sessions.add(ClusterSession.open(kafka,
                    "Starting the sandbox: a Kafka broker and a simulated shop…",
                    () -> Clusters.kafkaSandbox(kafka.profileName(), options.sandboxSettings(), executors.brokerIo()),
                    executors, Platform::runLater)));
            if (RabbitSandbox.isAvailable()) {
                var rabbit = new ClusterViewModel("Sandbox RabbitMQ", BrokerKind.RABBITMQ, Platform::runLater, clock);
                clusters.add(rabbit);
                openers.add(() -> sessions.add(ClusterSession.open(rabbit,
                        "Starting the sandbox: a private RabbitMQ node and the shop's queues…",
                        () -> Clusters.rabbitSandbox(rabbit.profileName(), options.sandboxSettings()),
                        executors, Platform::runLater)));
            } else {
                LOG.info("RabbitMQ is not installed: the sandbox runs Kafka only");
            }
        } else {
            var profile = options.profile();
            var cluster = new ClusterViewModel(profile.name(), profile.kind(), Platform::runLater, clock);
            clusters.add(cluster);
            openers.add(() -> sessions.add(ClusterSession.open(cluster, "Connecting to " + profile.name() + "…",
                    () -> Clusters.connect(profile, Credentials.NONE, executors.brokerIo()),
                    executors, Platform::runLater)));
        }
        var window = new MainWindow(clusters);
        stage.setTitle("Flowdeck");
        stage.setScene(window.createScene());
        stage.setMinWidth(800);
        stage.setMinHeight(500);
        stage.show();
        LOG.info("Flowdeck window open {} ms after the JVM started",
                ManagementFactory.getRuntimeMXBean().getUptime());
        openers.forEach(Runnable::run);
    }

    @Override
    public void stop() {
        sessions.forEach(ClusterSession::close);
        if (executors != null) {
            executors.close();
        }
    }
}
