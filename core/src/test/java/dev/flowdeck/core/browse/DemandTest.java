package dev.flowdeck.core.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DemandTest {

    private final Demand demand = new Demand();

    @Test
    void aReaderWaitsUntilDemandArrives() throws Exception {
        var reader = CompletableFuture.supplyAsync(demand::await);
        assertThat(reader).isNotDone();

        demand.add(1);

        assertThat(reader.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void cancelReleasesAWaitingReader() throws Exception {
        var reader = CompletableFuture.supplyAsync(demand::await);

        demand.cancel();

        assertThat(reader.get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(demand.isCancelled()).isTrue();
    }

    @Test
    void eachBatchTakesOneAndUnboundedDemandNeverRunsOut() throws Exception {
        demand.add(2);
        demand.take();
        demand.take();
        assertThat(CompletableFuture.supplyAsync(demand::await)).isNotDone();

        var unbounded = new Demand();
        unbounded.add(Long.MAX_VALUE);
        unbounded.add(5);
        for (int i = 0; i < 1_000; i++) {
            unbounded.take();
        }
        assertThat(unbounded.await()).isTrue();
    }

    @Test
    void refusesNonPositiveRequests() {
        assertThatThrownBy(() -> demand.add(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3.9");
    }
}
