package dev.flowdeck.connectors.kafka;

import dev.flowdeck.sandbox.SandboxCluster;
import dev.flowdeck.sandbox.SandboxSettings;

/**
 * One sandbox for all integration tests of this module (failsafe runs them in one JVM): a broker start is ~5 s.
 * Tests that need quiet topics create their own with unique names. Closed by a shutdown hook at the JVM's end.
 */
final class TestSandbox {

    private static SandboxCluster sandbox;

    private TestSandbox() {
    }

    static synchronized SandboxCluster get() {
        if (sandbox == null) {
            sandbox = SandboxCluster.start(SandboxSettings.defaults().withOrdersPerSecond(10));
            SandboxCluster started = sandbox;
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(started::close));
        }
        return sandbox;
    }
}
