package dev.flowdeck.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DenseIdsTest {

    /** Names that differ in one half only, and names whose halves are swapped: a mix-up of the halves would show. */
    private static long high(int n) {
        return n % 3 == 0 ? 42 : 0x9E3779B97F4A7C15L * n;
    }

    private static long low(int n) {
        return n % 3 == 1 ? 42 : 0xC2B2AE3D27D4EB4FL * (n + 1);
    }

    @Test
    void numbersNamesDenselyInTheOrderFirstSeenAndKeepsEachNamesHalvesAndHead() {
        var ids = new DenseIds();
        int names = 50_000; // past several growths of the names and rehashes of the slots

        for (int n = 0; n < names; n++) {
            assertThat(ids.idOf(high(n), low(n))).isEqualTo(n);
            ids.setHead(n, -n - 2);
        }

        assertThat(ids.size()).isEqualTo(names);
        for (int n = 0; n < names; n++) {
            assertThat(ids.idOf(high(n), low(n))).as("seen again").isEqualTo(n);
            assertThat(ids.find(high(n), low(n))).isEqualTo(n);
            assertThat(ids.high(n)).isEqualTo(high(n));
            assertThat(ids.low(n)).isEqualTo(low(n));
            assertThat(ids.head(n)).isEqualTo(-n - 2);
        }
        assertThat(ids.size()).as("nothing numbered twice").isEqualTo(names);
        assertThat(ids.find(low(1), high(1))).as("the halves swapped are another name").isEqualTo(DenseIds.NONE);
        assertThat(ids.find(7, 7)).isEqualTo(DenseIds.NONE);
    }

    @Test
    void aNewNameStartsWithNoHead() {
        var ids = new DenseIds();

        int id = ids.idOf(1, 2);

        assertThat(ids.head(id)).isEqualTo(DenseIds.NONE);
    }
}
