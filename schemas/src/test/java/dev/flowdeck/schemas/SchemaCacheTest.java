package dev.flowdeck.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SchemaCacheTest {

    private static SchemaReading reading(int id) {
        return JsonSchemaReading.of(new RegisteredSchema(id, "JSON", "{}", List.of(), null));
    }

    @Test
    void threadsMeetingAnIdBeingFetchedWaitForThatOneFetch() throws Exception {
        var fetches = new AtomicInteger();
        var release = new CountDownLatch(1);
        var cache = new SchemaCache(id -> {
            fetches.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS); // a slow registry: every other thread arrives meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return reading(id);
        }, 10, System::nanoTime);
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<SchemaReading>> readers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                readers.add(pool.submit(() -> cache.get(5)));
            }
            release.countDown();
            for (Future<SchemaReading> reader : readers) {
                assertThat(reader.get(10, TimeUnit.SECONDS).registered().id()).isEqualTo(5);
            }
        }
        assertThat(fetches).hasValue(1);
    }

    @Test
    void aFailedLookupIsRememberedForAWhileThenAskedAgain() {
        var fetches = new AtomicInteger();
        var now = new AtomicLong(1_000);
        var cache = new SchemaCache(id -> {
            fetches.incrementAndGet();
            throw new SchemaProblem("no schema " + id);
        }, 10, now::get);

        assertThatThrownBy(() -> cache.get(9)).isInstanceOf(SchemaProblem.class).hasMessage("no schema 9");
        assertThatThrownBy(() -> cache.get(9)).hasMessage("no schema 9");
        assertThat(fetches).hasValue(1);

        now.addAndGet(SchemaCache.RETRY_AFTER_NANOS + 1);
        assertThatThrownBy(() -> cache.get(9)).hasMessage("no schema 9");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void theLeastRecentlyUsedSchemaLeavesAFullCache() {
        var fetches = new AtomicInteger();
        var cache = new SchemaCache(id -> {
            fetches.incrementAndGet();
            return reading(id);
        }, 2, System::nanoTime);
        cache.get(1);
        cache.get(2);
        cache.get(1); // 2 is now the least recently used
        cache.get(3);
        cache.get(1);
        assertThat(fetches).hasValue(3);
        assertThat(cache.size()).isEqualTo(2);
        cache.get(2);
        assertThat(fetches).hasValue(4);
    }

    @Test
    void protoTextGivesItsPackageAndTopLevelMessagesInOrder() {
        ProtoText text = ProtoText.of(Shop.PAYMENT_PROTO);
        assertThat(text.packageName()).isEqualTo("shop");
        assertThat(text.topLevelMessages()).containsExactly("Payment", "Refund");
    }
}
