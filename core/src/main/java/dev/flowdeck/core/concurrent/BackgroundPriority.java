package dev.flowdeck.core.concurrent;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the window win the cores: a thread that reads or filters broker data for a scan runs below the UI thread,
 * so that a scan at full speed, with the broker or other programs busy too, still leaves the FX thread a core for
 * each pulse. Measured on two cores: the FX thread got its pulse done in 20-30 ms of CPU, yet waited 100-300 ms
 * for a core while the scan's threads and the broker held both.
 *
 * <p>Java's thread priorities do nothing on Linux unless the JVM runs as root (ThreadPriorityPolicy), so there the
 * thread raises its own nice value (10) with {@code setpriority(PRIO_PROCESS, tid)}, which Linux applies to one
 * thread and lets any user do; lowering a priority needs no privilege. Elsewhere {@link Thread#setPriority} is the
 * native priority (Windows) or a hint. If none of it is possible the thread runs as it would have: a slower window,
 * never a failure.
 */
public final class BackgroundPriority {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundPriority.class);

    /**
     * How much nicer than the process's main thread a background thread runs on Linux: weight 110 against the UI
     * thread's 1024. Set, not added to the thread's own value: Linux gives a new thread its creator's nice value,
     * and a background thread started by another (a browse's filter pool, say) would otherwise end up at 19.
     */
    static final int NICER = 10;
    private static final int NICEST = 19;
    private static final int PRIO_PROCESS = 0;

    private static final NativeCalls NATIVE = NativeCalls.find();

    private BackgroundPriority() {
    }

    /** Lowers the calling thread's priority; call it first thing on a background thread. */
    public static void lowerCurrentThread() {
        Thread.currentThread().setPriority(Thread.MIN_PRIORITY + 1);
        if (NATIVE != null) {
            NATIVE.renice();
        }
    }

    /** Whether this platform lowers threads below the UI for real (Linux here), not only as a hint. */
    static boolean lowersNatively() {
        return NATIVE != null;
    }

    /** {@code gettid}, {@code getpriority} and {@code setpriority} from the C library, where it has them (Linux). */
    private record NativeCalls(MethodHandle gettid, MethodHandle getpriority, MethodHandle setpriority) {

        static NativeCalls find() {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
                return null;
            }
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                var gettid = libc.find("gettid");
                var getpriority = libc.find("getpriority");
                var setpriority = libc.find("setpriority");
                if (gettid.isEmpty() || getpriority.isEmpty() || setpriority.isEmpty()) {
                    return null; // a C library older than glibc 2.30: threads keep their priority
                }
                return new NativeCalls(
                        linker.downcallHandle(gettid.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT)),
                        linker.downcallHandle(getpriority.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)),
                        linker.downcallHandle(setpriority.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)));
            } catch (RuntimeException | LinkageError unavailable) {
                // Native access refused (--illegal-native-access=deny) or no linker for this platform.
                LOG.debug("Background threads keep their priority: {}", unavailable.toString());
                return null;
            }
        }

        /**
         * Relative to the main thread's nice value (Linux answers PRIO_PROCESS for the process id with the main
         * thread's): a program started niced stays niced, its UI included.
         */
        void renice() {
            try {
                int tid = (int) gettid.invokeExact();
                int base = (int) getpriority.invokeExact(PRIO_PROCESS, (int) ProcessHandle.current().pid());
                int nice = Math.min(NICEST, base + NICER);
                int result = (int) setpriority.invokeExact(PRIO_PROCESS, tid, nice);
                if (result != 0) {
                    LOG.debug("setpriority({}) refused for thread {}", nice, tid);
                }
            } catch (Throwable unexpected) {
                LOG.debug("Could not lower the priority of {}", Thread.currentThread().getName(), unexpected);
            }
        }
    }
}
