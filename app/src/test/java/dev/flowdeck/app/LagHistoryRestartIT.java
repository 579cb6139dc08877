package dev.flowdeck.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flowdeck.connectors.kafka.KafkaBrokerConnection;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.lag.GroupStatus;
import dev.flowdeck.core.lag.GroupVerdict;
import dev.flowdeck.core.lag.LagSettings;
import dev.flowdeck.sandbox.SandboxCluster;
import dev.flowdeck.sandbox.SandboxSettings;
import dev.flowdeck.sandbox.ShopTopology;
import dev.flowdeck.store.FileAlertLog;
import dev.flowdeck.store.FileLagHistoryStore;
import dev.flowdeck.views.lag.LagSeries;
import dev.flowdeck.views.lag.LagViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The app's lag sampling, as its composition root wires it (history on disk, alert log, saved rules), stopped and
 * started again on the same cluster, the way a restart of the app does: what was sampled before is still charted,
 * and the stalled group is judged stalled from the first round after, from the restored window.
 */
class LagHistoryRestartIT {

    private static final LagSettings FAST = new LagSettings(Duration.ofSeconds(1), Duration.ofSeconds(10),
            Duration.ofHours(1));

    private static Path configDir;
    private static SandboxCluster sandbox;
    private static AppExecutors executors;

    /** The view model's updates, run when the test takes them: the test thread stands in for the FX thread. */
    private final LinkedBlockingQueue<Runnable> ui = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        configDir = AppTestSupport.temporaryConfigDirectory();
        sandbox = SandboxCluster.start(SandboxSettings.defaults());
        executors = AppExecutors.create();
    }

    @AfterAll
    static void stop() throws Exception {
        executors.close();
        sandbox.close();
        AppTestSupport.deleteConfigDirectory(configDir);
    }

    private LagWatch watch() {
        return new LagWatch(FAST, cluster -> FileLagHistoryStore.forCluster(cluster, FAST.retention(),
                Clock.systemUTC()), FileAlertLog.inConfigDirectory(),
                new AlertRulesFile(configDir.resolve("alert-rules.json")), Clock.systemUTC());
    }

    @Test
    void theHistoryAndTheStallSurviveARestart() throws Exception {
        var profile = ConnectionProfile.kafka("Restarted cluster", sandbox.bootstrapServers());
        Instant restart;
        try (var connection = KafkaBrokerConnection.open(profile, executors.brokerIo())) {
            var before = new LagViewModel(ui::add, Clock.systemUTC());
            try (var sampling = LagSampling.start(profile.name(), connection, watch(), before, executors, ui::add)) {
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                    drainUi();
                    assertThat(statusOf(before, ShopTopology.STALLED_GROUP)).isEqualTo(GroupStatus.STALLED);
                });
                restart = Instant.now();
            }
        }

        try (var connection = KafkaBrokerConnection.open(profile, executors.brokerIo())) {
            var after = new LagViewModel(ui::add, Clock.systemUTC());
            try (var sampling = LagSampling.start(profile.name(), connection, watch(), after, executors, ui::add)) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    drainUi();
                    assertThat(after.groups()).isNotEmpty();
                });
                // The first rounds after the restart already judge the stall: the window came from disk.
                assertThat(statusOf(after, ShopTopology.STALLED_GROUP)).isEqualTo(GroupStatus.STALLED);

                after.select(ShopTopology.STALLED_GROUP);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    drainUi();
                    List<LagSeries> chart = after.chart();
                    assertThat(chart).isNotEmpty();
                    long[] times = chart.getFirst().times();
                    assertThat(times[0]).as("samples from before the restart are charted")
                            .isLessThan(restart.minusSeconds(5).toEpochMilli());
                    assertThat(times[times.length - 1]).isGreaterThan(restart.toEpochMilli());
                });
            }
        }
    }

    private void drainUi() {
        Runnable task;
        while ((task = ui.poll()) != null) {
            task.run();
        }
    }

    private static GroupStatus statusOf(LagViewModel lag, String group) {
        return lag.groups().stream().filter(verdict -> verdict.name().equals(group)).findFirst()
                .map(GroupVerdict::status).orElse(null);
    }
}
