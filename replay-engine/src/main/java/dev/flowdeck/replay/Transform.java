package dev.flowdeck.replay;

import dev.flowdeck.core.browse.MessageHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One change the operator asks for before an event is replayed. Transforms are data, applied in order by the
 * planner; none runs code the operator typed (a JSON field is set by its path, never by an expression).
 */
public sealed interface Transform {

    /** What the transform does to a message about to be sent. */
    Draft apply(Draft message);

    /** How the plan's reviewer reads it. */
    String describe();

    /** The parts of a message a transform may change. Headers in order; a name may repeat. */
    record Draft(byte[] key, byte[] value, List<MessageHeader> headers) {

        public Draft {
            headers = List.copyOf(headers);
        }
    }

    /** Replaces every header of that name by one with this value (added if there was none). */
    record SetHeader(String name, byte[] value) implements Transform {

        public SetHeader {
            Provenance.refuseReserved(name);
        }

        @Override
        public Draft apply(Draft message) {
            List<MessageHeader> headers = new ArrayList<>();
            message.headers().stream().filter(header -> !header.name().equals(name)).forEach(headers::add);
            headers.add(new MessageHeader(name, value == null ? null : value.clone()));
            return new Draft(message.key(), message.value(), headers);
        }

        @Override
        public String describe() {
            return "set header " + name;
        }
    }

    /** Removes every header of that name. */
    record RemoveHeader(String name) implements Transform {

        public RemoveHeader {
            Provenance.refuseReserved(name);
        }

        @Override
        public Draft apply(Draft message) {
            return new Draft(message.key(), message.value(),
                    message.headers().stream().filter(header -> !header.name().equals(name)).toList());
        }

        @Override
        public String describe() {
            return "remove header " + name;
        }
    }

    /** Replaces the whole payload (a corrected document the operator pasted). */
    record ReplacePayload(byte[] value) implements Transform {

        @Override
        public Draft apply(Draft message) {
            return new Draft(message.key(), value == null ? null : value.clone(), message.headers());
        }

        @Override
        public String describe() {
            return "replace the payload";
        }
    }

    /**
     * Sets one field of a JSON payload, named by a path of field names ({@code $.customer.email} or
     * {@code $['odd name']}), to a JSON value ({@code "text"}, {@code 42}, {@code null}, an object). Objects missing
     * on the way are created; a payload that is not a JSON object fails the plan with the reason.
     */
    record SetJsonField(String path, String json) implements Transform {

        public SetJsonField {
            Objects.requireNonNull(json, "json");
            JsonFieldEdit.parsePath(path); // a bad path fails when the transform is made, not half-way through
            JsonFieldEdit.parseValue(json);
        }

        @Override
        public Draft apply(Draft message) {
            return new Draft(message.key(), JsonFieldEdit.set(message.value(), path, json), message.headers());
        }

        @Override
        public String describe() {
            return "set " + path + " to " + json;
        }
    }
}
