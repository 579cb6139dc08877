package dev.flowdeck.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.replay.PlanFile;
import dev.flowdeck.replay.ReplayMode;
import dev.flowdeck.replay.ReplayPlan;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanSummaryTest {

    @Test
    void saysWhatASavedPlanWouldDoAndHowToApplyIt(@TempDir Path dir) {
        var plan = new ReplayPlan("r-42", Instant.parse("2026-11-27T10:00:00Z"), "orders.DLT group 3",
                ReplayMode.MOVE, 3, List.of(), List.of());
        Path file = dir.resolve("r-42.plan.json");
        PlanFile.write(plan, file);

        String text = PlanSummary.describe(PlanFile.read(file), file);

        assertThat(text).contains("from orders.DLT group 3").contains("move: 0 event(s) to send to no target")
                .contains("flowdeck replay --plan \"" + file + "\"");
    }
}
