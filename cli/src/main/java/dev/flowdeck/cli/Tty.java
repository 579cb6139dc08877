package dev.flowdeck.cli;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Whether stderr is a terminal, which decides if progress is shown. Java can only tell for stdin and stdout
 * together ({@link java.io.Console#isTerminal()}), and progress matters most exactly when stdout is redirected to
 * a file; so this asks the C library's {@code isatty}. The jar's manifest allows that native call; where it is not
 * allowed (a plain class path) the Console's answer is the fallback, so no JVM warning reaches stderr.
 */
final class Tty {

    private static final int STDERR = 2;

    private Tty() {
    }

    static boolean stderrIsTerminal() {
        if (Tty.class.getModule().isNativeAccessEnabled()) {
            Optional<Boolean> answer = isatty(STDERR);
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        return System.console() != null && System.console().isTerminal();
    }

    @SuppressWarnings("restricted") // called only where native access is enabled, see stderrIsTerminal
    private static Optional<Boolean> isatty(int fd) {
        try {
            Linker linker = Linker.nativeLinker();
            // POSIX names it isatty; the Windows C runtime _isatty.
            Optional<MemorySegment> function = linker.defaultLookup().find("isatty")
                    .or(() -> linker.defaultLookup().find("_isatty"));
            if (function.isEmpty()) {
                return Optional.empty();
            }
            MethodHandle isatty = linker.downcallHandle(function.get(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            return Optional.of((int) isatty.invokeExact(fd) != 0);
        } catch (Throwable unavailable) {
            return Optional.empty();
        }
    }

    /** The terminal's width from {@code COLUMNS} where the shell exports it, else 120. */
    static int columns(String columnsVariable) {
        try {
            int columns = columnsVariable == null ? 0 : Integer.parseInt(columnsVariable.trim());
            return columns >= 40 ? columns : 120;
        } catch (NumberFormatException notANumber) {
            return 120;
        }
    }
}
