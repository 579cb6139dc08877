package dev.flowdeck.views.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.ClusterOverview;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.TopicSummary;
import dev.flowdeck.core.broker.UnusedConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The view model's logic with a scripted connection; the real one is covered against a broker in the app's IT. */
class ClusterViewModelTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");

    private final ScriptedConnection connection = new ScriptedConnection();
    private final List<Runnable> uiQueue = new ArrayList<>();
    private final ClusterViewModel cluster =
            new ClusterViewModel(ConnectionProfile.kafka("Sandbox", "localhost:9092"), uiQueue::add,
                    Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void showsTheClusterOnceItAnswers() {
        cluster.attach(connection);
        assertThat(cluster.stateProperty().get()).isEqualTo(ConnectionState.CONNECTING);

        connection.answer(List.of(new TopicSummary("orders", 3, 1, 120), new TopicSummary("payments", 3, 1, 80)));
        runUi();

        assertThat(cluster.stateProperty().get()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(cluster.stateMessageProperty().get()).isEqualTo("Connected to Sandbox");
        assertThat(cluster.versionProperty().get()).isEqualTo("Kafka ≥ 4.4");
        assertThat(cluster.clusterIdProperty().get()).isEqualTo("abc");
        assertThat(cluster.destinations()).extracting(Destination::name).containsExactly("orders", "payments");
        assertThat(cluster.lastRefreshProperty().get()).isEqualTo(NOW);
    }

    @Test
    void touchesNothingUntilTheUiExecutorRuns() {
        cluster.attach(connection);
        connection.answer(List.of(new TopicSummary("orders", 3, 1, 120)));

        assertThat(uiQueue).hasSize(1);
        assertThat(cluster.destinations()).isEmpty();
    }

    @Test
    void neverAsksTwiceWhileARefreshIsInFlight() {
        cluster.attach(connection);
        cluster.refresh();
        cluster.refresh();
        assertThat(connection.topicRequests).isEqualTo(1);

        connection.answer(List.of());
        runUi();
        cluster.refresh();
        assertThat(connection.topicRequests).isEqualTo(2);
    }

    @Test
    void aFailureKeepsTheLastTopicsAndSaysWhatWentWrongInOneLine() {
        cluster.attach(connection);
        connection.answer(List.of(new TopicSummary("orders", 3, 1, 120)));
        runUi();

        cluster.refresh();
        connection.fail(new BrokerException("No answer from localhost:9092 within 15 s.\nat some.Frame", null));
        runUi();

        assertThat(cluster.stateProperty().get()).isEqualTo(ConnectionState.UNREACHABLE);
        assertThat(cluster.stateMessageProperty().get()).isEqualTo("No answer from localhost:9092 within 15 s.");
        assertThat(cluster.destinations()).extracting(Destination::name).containsExactly("orders");
    }

    @Test
    void saysWhatItIsDoingWhileTheSandboxStarts() {
        cluster.starting("Starting the sandbox cluster…");
        assertThat(cluster.stateProperty().get()).isEqualTo(ConnectionState.STARTING);
        assertThat(cluster.stateMessageProperty().get()).isEqualTo("Starting the sandbox cluster…");

        cluster.failed("The sandbox could not start: no free port.");
        assertThat(cluster.stateProperty().get()).isEqualTo(ConnectionState.UNREACHABLE);
    }

    private void runUi() {
        List<Runnable> batch = new ArrayList<>(uiQueue);
        uiQueue.clear();
        batch.forEach(Runnable::run);
    }

    /** Answers each request when the test says so, like a broker that takes its time. */
    private static final class ScriptedConnection extends UnusedConnection {
        private CompletableFuture<List<Destination>> pendingTopics;
        private int topicRequests;

        @Override
        public CompletionStage<ClusterOverview> describeCluster() {
            return CompletableFuture.completedFuture(new ClusterOverview("abc", "Kafka ≥ 4.4", 1));
        }

        @Override
        public CompletionStage<List<Destination>> listDestinations() {
            topicRequests++;
            pendingTopics = new CompletableFuture<>();
            return pendingTopics;
        }

        void answer(List<Destination> topics) {
            pendingTopics.complete(topics);
        }

        void fail(Throwable failure) {
            pendingTopics.completeExceptionally(failure);
        }

    }
}
