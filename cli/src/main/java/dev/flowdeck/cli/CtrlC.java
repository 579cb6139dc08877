package dev.flowdeck.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What a command does on Ctrl-C (or SIGTERM) while it runs: a shutdown hook tells it to stop, then holds the JVM
 * until the command's own thread has closed its output and connections ({@link #close}), for at most 5 s. Without
 * the wait the JVM would exit mid-line, with a RabbitMQ browse's messages still held or a last export unsent.
 */
final class CtrlC implements AutoCloseable {

    private static final long GRACE_SECONDS = 5;

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private CtrlC(Runnable stop) {
        hook = Thread.ofPlatform().name("flowdeck-cli-interrupted").unstarted(() -> {
            stop.run();
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Until {@link #close}, Ctrl-C runs {@code stop} (from the hook's thread) and waits for the command. */
    static CtrlC stops(Runnable stop) {
        var ctrlC = new CtrlC(stop);
        Runtime.getRuntime().addShutdownHook(ctrlC.hook);
        return ctrlC;
    }

    /** The command has closed everything: a Ctrl-C in progress may let the JVM go; a later one just exits. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already on its way out (Ctrl-C): the hook is running
        }
    }
}
