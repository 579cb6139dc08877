package dev.flowdeck.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the messages go: stdout (which closing the output leaves open) or a file. Knows when stdout's reader has
 * gone (`flowdeck browse ... | head`), so the read stops instead of running on into a closed pipe.
 */
final class Output {

    private final OutputStream stream;
    private final PrintStream stdout;

    private Output(OutputStream stream, PrintStream stdout) {
        this.stream = stream;
        this.stdout = stdout;
    }

    static Output stdout(PrintStream out) {
        return new Output(new Unclosed(out), out);
    }

    /**
     * @throws UsageException when the file cannot be created
     */
    static Output file(Path file) {
        try {
            return new Output(Files.newOutputStream(file), null);
        } catch (IOException e) {
            throw new UsageException("--out " + file + " cannot be written: " + e.getMessage() + ".");
        }
    }

    /** The stream to write to; closing it closes a file and only flushes stdout. */
    OutputStream stream() {
        return stream;
    }

    /** Whether stdout can no longer be written (its pipe was closed): {@link PrintStream} swallows the error. */
    boolean broken() {
        return stdout != null && stdout.checkError();
    }

    /** Stdout passed through in whole arrays (FilterOutputStream would write byte by byte), never closed. */
    private static final class Unclosed extends OutputStream {
        private final PrintStream out;

        Unclosed(PrintStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            out.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
