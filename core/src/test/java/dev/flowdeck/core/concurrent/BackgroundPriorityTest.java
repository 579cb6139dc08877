package dev.flowdeck.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class BackgroundPriorityTest {

    @Test
    void backgroundThreadsRunTenNicerThanOthersOnLinux() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/thread-self/stat")), "nice values are read from Linux's /proc");
        assertThat(BackgroundPriority.lowersNatively()).as("setpriority found in the C library").isTrue();

        int plain = niceOfThreadFrom(new NamedThreadFactory("test-plain"));
        int background = niceOfThreadFrom(NamedThreadFactory.background("test-background"));

        assertThat(background).isEqualTo(Math.min(19, plain + BackgroundPriority.NICER));
    }

    @Test
    void aBackgroundThreadStartedByAnotherIsNoNicerThanIt() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/thread-self/stat")), "nice values are read from Linux's /proc");
        int plain = niceOfThreadFrom(new NamedThreadFactory("test-plain"));
        var nested = new CompletableFuture<Integer>();
        NamedThreadFactory.background("test-outer").newThread(() -> {
            try {
                nested.complete(niceOfThreadFrom(NamedThreadFactory.background("test-inner")));
            } catch (Exception e) {
                nested.completeExceptionally(e);
            }
        }).start();

        assertThat(nested.get(10, TimeUnit.SECONDS)).as("set from the main thread's value, not added to the creator's")
                .isEqualTo(Math.min(19, plain + BackgroundPriority.NICER));
    }

    @Test
    void backgroundThreadsStillRunTheirTaskAndKeepTheirName() throws Exception {
        var ran = new CompletableFuture<String>();
        Thread thread = NamedThreadFactory.background("flowdeck-test-io")
                .newThread(() -> ran.complete(Thread.currentThread().getName()));
        thread.start();

        assertThat(ran.get(10, TimeUnit.SECONDS)).isEqualTo("flowdeck-test-io-1");
        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getPriority()).isLessThan(Thread.NORM_PRIORITY);
    }

    /** Field 19 of {@code /proc/thread-self/stat}, read on a thread of the factory. */
    private static int niceOfThreadFrom(ThreadFactory factory)
            throws InterruptedException, ExecutionException, TimeoutException {
        var nice = new CompletableFuture<Integer>();
        factory.newThread(() -> {
            try {
                String stat = Files.readString(Path.of("/proc/thread-self/stat"));
                // The command name, field 2, is in parentheses and may hold spaces: count fields after it.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                nice.complete(Integer.parseInt(fields[19 - 3]));
            } catch (IOException | RuntimeException e) {
                nice.completeExceptionally(e);
            }
        }).start();
        return nice.get(10, TimeUnit.SECONDS);
    }
}
