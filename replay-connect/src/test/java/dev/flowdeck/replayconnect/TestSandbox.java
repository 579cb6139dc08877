package dev.flowdeck.replayconnect;

import dev.flowdeck.sandbox.SandboxCluster;
import dev.flowdeck.sandbox.SandboxSettings;

/** One sandbox broker for this module's integration tests (failsafe runs them in one JVM; a start is ~5 s). */
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
