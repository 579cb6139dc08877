package dev.flowdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void withoutATerminalNothingAtAll() {
        var progress = new ProgressLine(stream(), false, nanos::get);
        progress.show(10, 1, 100);
        progress.clear();
        progress.finish(10, 1);
        assertThat(err.size()).isZero();
    }

    @Test
    void oneLineRedrawnAFewTimesASecondThenATally() {
        var progress = new ProgressLine(stream(), true, nanos::get);
        progress.show(1_000, 3, 250_000);
        progress.show(2_000, 3, 250_000); // too soon: not drawn
        nanos.addAndGet(Duration.ofMillis(250).toNanos());
        progress.show(20_000, 4, 250_000);
        assertThat(text()).isEqualTo("\rScanned 1,000 of 250,000, 3 matched\rScanned 20,000 of 250,000, 4 matched");
        err.reset();
        nanos.addAndGet(Duration.ofMillis(1_750).toNanos());
        progress.finish(250_000, 9);
        assertThat(text()).isEqualTo("\r" + " ".repeat(36) + "\r" + "9 matched of 250,000 scanned in 2.0 s"
                + System.lineSeparator());
    }

    @Test
    void anUnknownTotalIsLeftOut() {
        assertThat(ProgressLine.describe(12, 0, -1)).isEqualTo("Scanned 12, 0 matched");
    }

    private PrintStream stream() {
        return new PrintStream(err, true, StandardCharsets.UTF_8);
    }

    private String text() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
