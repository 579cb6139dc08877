package dev.flowdeck.connectors.kafka;

import dev.flowdeck.sandbox.SandboxCluster;
import dev.flowdeck.sandbox.SandboxSettings;
import java.time.Duration;

/**
 * One sandbox for all integration tests of this module (failsafe runs them in one JVM): a broker start is ~5 s.
 * Tests that need quiet topics create their own with unique names. Closed by a shutdown hook at the JVM's end.
 */
final class TestSandbox {

    /** Shorter than the app's 30 s, so the delayed group's lag in time settles within seconds of the start. */
    static final Duration EMAIL_DELAY = Duration.ofSeconds(10);

    private static SandboxCluster sandbox;

    private TestSandbox() {
    }

    static synchronized SandboxCluster get() {
        if (sandbox == null) {
            sandbox = SandboxCluster.start(SandboxSettings.defaults().withOrdersPerSecond(10)
                    .withEmailDelay(EMAIL_DELAY));
            SandboxCluster started = sandbox;
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(started::close));
        }
        return sandbox;
    }
}
