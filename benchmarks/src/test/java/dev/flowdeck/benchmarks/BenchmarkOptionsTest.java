package dev.flowdeck.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {

    @Test
    void readsCountsAsAnOperatorWritesThem() {
        var options = BenchmarkOptions.parse("--records", "200k", "--heap-records", "1_500_000", "--rounds", "3",
                "--warmup", "0", "--compression", "LZ4", "--lag-shape", "2x5x10", "--only", "scan-rate,heap", "--out",
                "x/r.md");

        assertThat(options).isEqualTo(new BenchmarkOptions(200_000, 1_500_000, 3, 0, "lz4", new LagShape(2, 5, 10),
                Set.of("scan-rate", "heap"), Path.of("x/r.md")));
        assertThat(BenchmarkOptions.parse("--records", "2m").records()).isEqualTo(2_000_000);
        assertThat(BenchmarkOptions.parse()).isEqualTo(BenchmarkOptions.defaults());
        assertThat(BenchmarkOptions.defaults().lagShape()).isEqualTo(new LagShape(10, 50, 500));
    }

    @Test
    void refusesWhatItCannotRun() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--record", "5")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--rounds")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--compression", "zstd")).hasMessageContaining("none or lz4");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--rounds", "0")).hasMessageContaining("one measured round");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--lag-shape", "10x50")).hasMessageContaining("TOPICSx");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--lag-shape", "10x50x5"))
                .hasMessageContaining("a group for every topic");
    }
}
