package dev.flowdeck.views.offsets;

import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.browse.TimeExpression;
import dev.flowdeck.core.offsets.OffsetReset;
import dev.flowdeck.core.offsets.OffsetResetPlan;
import dev.flowdeck.core.offsets.OffsetResetTarget;
import dev.flowdeck.core.offsets.PartitionId;
import dev.flowdeck.core.offsets.PartitionReset;
import dev.flowdeck.views.common.Formats;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Resetting one group's offsets: the target the operator chooses, the preview of what it does to every partition,
 * and applying exactly that preview.
 *
 * <p>Threads: called on the UI executor only. A preview is read by the connector on its threads and turned into
 * rows and a total on {@code background}; one hop to {@code ui} then shows it. Changing the target drops the
 * preview, and a preview that arrives after the target changed is discarded, so what is applied is always what is
 * on screen.
 */
public final class ResetOffsetsViewModel {

    /** The targets an operator picks from. */
    public enum TargetKind {
        EARLIEST("Earliest"),
        LATEST("Latest"),
        AT_TIME("At a time"),
        OFFSETS("Given offsets");

        private final String label;

        TargetKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final OffsetReset reset;
    private final String group;
    private final Clock clock;
    private final Executor background;
    private final Executor ui;

    private final ObjectProperty<TargetKind> targetKind = new SimpleObjectProperty<>(TargetKind.EARLIEST);
    private final StringProperty time = new SimpleStringProperty("");
    private final StringProperty offsets = new SimpleStringProperty("");
    private final ObservableList<PartitionReset> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper total = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper applied = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<OffsetResetPlan> plan = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding canApply;
    private int generation;
    private String suggestedOffsets = "";

    /** A preview as the table shows it, built off the UI thread. */
    private record Preview(OffsetResetPlan plan, List<PartitionReset> rows, String total) {
    }

    /**
     * @param reset      previews, applies and records in the audit log
     * @param clock      "now" for a time typed as an age (15m)
     * @param background turns a preview into rows
     * @param ui         the UI thread ({@code Platform::runLater} in the app)
     */
    public ResetOffsetsViewModel(OffsetReset reset, String group, Clock clock, Executor background, Executor ui) {
        this.reset = reset;
        this.group = group;
        this.clock = clock;
        this.background = background;
        this.ui = ui;
        canApply = plan.isNotNull().and(busy.not()).and(applied.not());
        targetKind.addListener((property, before, after) -> targetChanged());
        time.addListener((property, before, after) -> targetChanged());
        offsets.addListener((property, before, after) -> targetChanged());
    }

    public String group() {
        return group;
    }

    /** Reads what the chosen target would do. A target that cannot be read says why in {@link #messageProperty}. */
    public void preview() {
        OffsetResetTarget target;
        try {
            target = target();
        } catch (IllegalArgumentException unreadable) {
            message.set(unreadable.getMessage());
            return;
        }
        int asked = ++generation;
        busy.set(true);
        message.set("Reading the group's offsets…");
        reset.preview(group, target)
                .thenApplyAsync(ResetOffsetsViewModel::tabulate, background)
                .whenComplete((preview, failure) -> ui.execute(() -> showPreview(asked, preview, failure)));
    }

    /** Commits the previewed offsets; call only after the operator confirmed {@link #confirmation()}. */
    public void apply() {
        OffsetResetPlan previewed = plan.get();
        if (!canApply.get()) {
            return;
        }
        int asked = ++generation;
        busy.set(true);
        message.set("Resetting the offsets of " + group + "…");
        reset.apply(previewed).whenComplete((done, failure) -> ui.execute(() -> {
            if (asked == generation) {
                busy.set(false);
            }
            Throwable cause = failure == null ? null : Failures.unwrap(failure);
            if (cause == null || cause instanceof OffsetReset.UnrecordedChangeException) {
                applied.set(true);
            }
            message.set(cause != null ? Failures.sentence(cause)
                    : "Done: group " + group + " now starts " + describe(previewed) + ", with "
                            + Formats.count(previewed.totalLag()) + " records to read.");
        }));
    }

    /** The question to ask before {@link #apply}; null while there is nothing to apply. */
    public String confirmation() {
        OffsetResetPlan previewed = plan.get();
        if (previewed == null) {
            return null;
        }
        long moving = previewed.partitions().stream().filter(PartitionReset::moves).count();
        return "Move group " + group + " " + describe(previewed) + " on " + partitions(moving) + "? It will then have "
                + Formats.count(previewed.totalLag()) + " records to read. This is recorded in the audit log.";
    }

    private OffsetResetTarget target() {
        return switch (targetKind.get()) {
            case EARLIEST -> OffsetResetTarget.EARLIEST;
            case LATEST -> OffsetResetTarget.LATEST;
            case AT_TIME -> new OffsetResetTarget.AtTime(TimeExpression.parse(time.get()).resolve(clock));
            case OFFSETS -> new OffsetResetTarget.Offsets(GivenOffsets.parse(offsets.get()));
        };
    }

    private static Preview tabulate(OffsetResetPlan plan) {
        return new Preview(plan, plan.partitions(), "Lag after the reset: " + Formats.count(plan.totalLag())
                + " records on " + partitions(plan.partitions().size()));
    }

    private void showPreview(int asked, Preview preview, Throwable failure) {
        if (asked != generation) {
            return; // the target changed while this was read: it no longer answers what is on screen
        }
        busy.set(false);
        if (failure != null) {
            message.set(Failures.sentence(failure));
            return;
        }
        if (offsets.get().isBlank()) {
            // A start for "given offsets": where the group is now.
            Map<PartitionId, Long> current = new LinkedHashMap<>();
            preview.rows().stream().filter(row -> row.current() >= 0)
                    .forEach(row -> current.put(row.partition(), row.current()));
            suggestedOffsets = GivenOffsets.format(current);
        }
        rows.setAll(preview.rows());
        total.set(preview.total());
        plan.set(preview.plan());
        message.set("");
    }

    /** The group's committed offsets as the last preview read them, in the form "given offsets" reads. */
    public String suggestedOffsets() {
        return suggestedOffsets;
    }

    private void targetChanged() {
        generation++;
        busy.set(false);
        plan.set(null);
        rows.clear();
        total.set("");
        if (!applied.get()) {
            message.set("");
        }
    }

    private static String describe(OffsetResetPlan plan) {
        return switch (plan.target()) {
            case OffsetResetTarget.Earliest _ -> "at the earliest offsets";
            case OffsetResetTarget.Latest _ -> "at the latest offsets";
            case OffsetResetTarget.AtTime(var at) -> "at the first records from " + Formats.timestamp(at);
            case OffsetResetTarget.Offsets _ -> "at the given offsets";
        };
    }

    private static String partitions(long count) {
        return count == 1 ? "1 partition" : Formats.count(count) + " partitions";
    }

    public ObjectProperty<TargetKind> targetKindProperty() {
        return targetKind;
    }

    /** An instant (2026-05-01T09:30:00Z) or an age (15m, 2h): used when the target is a time. */
    public StringProperty timeProperty() {
        return time;
    }

    /** One partition a line, {@code orders-0 = 1200}: used when the target is given offsets. */
    public StringProperty offsetsProperty() {
        return offsets;
    }

    /** The preview, one row per partition. */
    public ObservableList<PartitionReset> rows() {
        return rows;
    }

    public ReadOnlyStringProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    /** Errors and outcomes, as sentences. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True once the reset was made; the dialog then only closes. */
    public ReadOnlyBooleanProperty appliedProperty() {
        return applied.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<OffsetResetPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public BooleanBinding canApplyBinding() {
        return canApply;
    }
}
