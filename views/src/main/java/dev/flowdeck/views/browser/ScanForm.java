package dev.flowdeck.views.browser;

import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.StartPosition;
import dev.flowdeck.core.browse.TimeExpression;
import dev.flowdeck.core.filter.FilterException;
import dev.flowdeck.core.filter.MessageFilter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

/**
 * What the operator typed into the scan bar: a position and any filters, each optional and all combined. Turns
 * into a {@link BrowseRequest}, or a sentence saying which field is wrong and how it should read.
 */
public final class ScanForm {

    private final ObjectProperty<Position> position = new SimpleObjectProperty<>(Position.LAST_N);
    private final StringProperty positionValue = new SimpleStringProperty("100");
    private final BooleanProperty follow = new SimpleBooleanProperty();
    private final StringProperty contains = new SimpleStringProperty("");
    private final StringProperty regex = new SimpleStringProperty("");
    private final StringProperty key = new SimpleStringProperty("");
    private final StringProperty header = new SimpleStringProperty("");
    private final StringProperty jsonPath = new SimpleStringProperty("");
    private final StringProperty until = new SimpleStringProperty("");
    private final ObservableSet<Integer> partitions = FXCollections.observableSet();

    /**
     * @throws IllegalArgumentException with an operator-readable message when a field cannot be used
     */
    public BrowseRequest toRequest(String destination, Instant now) {
        var filters = new ArrayList<MessageFilter>();
        StartPosition start = start(now, filters);
        addFilters(now, filters);
        boolean tail = follow.get() || position.get() == Position.LIVE;
        return new BrowseRequest(destination, start, Set.copyOf(partitions), tail, 0, MessageFilter.allOf(filters));
    }

    private StartPosition start(Instant now, List<MessageFilter> filters) {
        String value = positionValue.get().strip();
        return switch (position.get()) {
            case BEGINNING -> new StartPosition.Earliest();
            case LIVE -> new StartPosition.Latest();
            case LAST_N -> new StartPosition.LastN(positive(value, "The last N"));
            case OFFSET -> new StartPosition.Offset(notNegative(value));
            case TIME -> {
                Instant from = time(value, now, "The start time");
                filters.add(new MessageFilter.TimeRange(from, null)); // timestamps are not ordered in a partition
                yield new StartPosition.Timestamp(from);
            }
        };
    }

    private void addFilters(Instant now, List<MessageFilter> filters) {
        if (!contains.get().isEmpty()) {
            filters.add(new MessageFilter.TextContains(contains.get(), true));
        }
        if (!regex.get().isEmpty()) {
            filters.add(MessageFilter.Regex.of(regex.get()));
        }
        if (!key.get().isEmpty()) {
            filters.add(MessageFilter.KeyEquals.text(key.get()));
        }
        String headerText = header.get().strip();
        if (!headerText.isEmpty()) {
            filters.add(MessageFilter.HeaderMatches.parse(headerText));
        }
        if (!jsonPath.get().isBlank()) {
            filters.add(MessageFilter.Json.of(jsonPath.get().strip()));
        }
        if (!until.get().isBlank()) {
            filters.add(new MessageFilter.TimeRange(null, time(until.get(), now, "The end time")));
        }
    }

    private static Instant time(String text, Instant now, String what) {
        try {
            return TimeExpression.parse(text).resolve(Clock.fixed(now, ZoneOffset.UTC));
        } catch (IllegalArgumentException e) {
            throw new FilterException(what + ": " + e.getMessage(), e);
        }
    }

    private static long positive(String text, String what) {
        long n = number(text, what + " is a whole number such as 100");
        if (n <= 0) {
            throw new FilterException(what + " must be at least 1.", null);
        }
        return n;
    }

    private static long notNegative(String text) {
        long n = number(text, "The offset is a whole number such as 1200");
        if (n < 0) {
            throw new FilterException("Offsets start at 0.", null);
        }
        return n;
    }

    private static long number(String text, String hint) {
        try {
            return Long.parseLong(text.replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            throw new FilterException(hint + "; '" + text + "' is not.", e);
        }
    }

    /** Whether any filter is set: a scan without one is a browse and says "messages", not "matches". */
    public boolean filtered() {
        return !contains.get().isEmpty() || !regex.get().isEmpty() || !key.get().isEmpty()
                || !header.get().isBlank() || !jsonPath.get().isBlank() || !until.get().isBlank();
    }

    public ObjectProperty<Position> positionProperty() {
        return position;
    }

    public StringProperty positionValueProperty() {
        return positionValue;
    }

    public BooleanProperty followProperty() {
        return follow;
    }

    public StringProperty containsProperty() {
        return contains;
    }

    public StringProperty regexProperty() {
        return regex;
    }

    public StringProperty keyProperty() {
        return key;
    }

    public StringProperty headerProperty() {
        return header;
    }

    public StringProperty jsonPathProperty() {
        return jsonPath;
    }

    public StringProperty untilProperty() {
        return until;
    }

    /** The partitions to read; empty reads all. */
    public ObservableSet<Integer> partitions() {
        return partitions;
    }
}
