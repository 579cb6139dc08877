package dev.flowdeck.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flowdeck.core.audit.AuditEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAuditLogTest {

    private static final Instant T0 = Instant.parse("2026-11-27T14:02:11.250Z");

    @TempDir
    Path folder;

    @Test
    void keepsEveryFieldAndReadsTheNewestOldestFirst() {
        var log = FileAuditLog.in(folder);
        var reset = new AuditEntry(T0, "prod-eu", "alice", "reset offsets", "group payment-service",
                "orders-0: 1200 -> 900\norders-1: 1300 -> 1000", AuditEntry.SUCCEEDED);
        var refused = new AuditEntry(T0.plusSeconds(60), "prod-eu", "bob", "reset offsets", "group billing",
                "orders-0: 10 -> 0", AuditEntry.failed("Group billing has 2 consumers: stop them first."));

        log.record(reset);
        log.record(refused);

        assertThat(FileAuditLog.in(folder).recent(10)).containsExactly(reset, refused);
        assertThat(log.recent(1)).containsExactly(refused);
        assertThat(log.recent(0)).isEmpty();
        assertThat(refused.succeeded()).isFalse();
        assertThat(reset.succeeded()).isTrue();
    }

    @Test
    void onlyItsOwnerMayReadIt() throws IOException {
        assumeTrue(folder.getFileSystem().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
        var log = FileAuditLog.in(folder.resolve("config"));
        log.record(entry(1, "x"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log.path()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("config"))))
                .isEqualTo("rwx------");
    }

    @Test
    void nothingIsEverTrimmedAndTheTailIsFoundAcrossLongLines() {
        var log = FileAuditLog.in(folder);
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // Some details far longer than the 8 KiB blocks the tail is read in.
            entries.add(entry(i, i % 50 == 0 ? "p".repeat(20_000) : "orders-" + i + ": 5 -> 0"));
            log.record(entries.getLast());
        }

        assertThat(log.recent(1_000)).containsExactlyElementsOf(entries);
        assertThat(log.recent(3)).containsExactlyElementsOf(entries.subList(297, 300));
        assertThat(log.recent(101)).containsExactlyElementsOf(entries.subList(199, 300));
    }

    @Test
    void aNewLogIsEmpty() {
        assertThat(FileAuditLog.in(folder).recent(5)).isEmpty();
    }

    private static AuditEntry entry(int i, String detail) {
        return new AuditEntry(T0.plusSeconds(i), "sandbox", "carol", "reset offsets", "group g-" + i, detail,
                AuditEntry.SUCCEEDED);
    }
}
