package dev.flowdeck.core.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Objects;

/**
 * A value read through its schema: the JSON it stands for, or why it could not be read. The raw bytes stay on the
 * message ({@link dev.flowdeck.core.browse.BrowsedMessage#value()}), so a replay or a copy sends what was written,
 * never this JSON.
 *
 * <p>Whether a value can be read, and whether it matches its schema, is settled when it is decoded (on a scan's
 * filter pool); its JSON may be made later, the first time something asks for it ({@link #json()}), from the raw
 * bytes and the schema already in hand ({@link JsonSource}; decision 0021). A scan reads millions of values and
 * most of them are only counted: the browser keeps 10,000 rows, a field-path filter needs a field or two
 * ({@link #fieldsJson}). Once made, the JSON is kept: every caller, and every copy that says more of the same value
 * ({@link #withMismatch}, {@link #withMessageType}), gets the same array.
 *
 * <p>Immutable to its callers and thread-safe. Two values are equal only when they are the same object (the record
 * this class once was compared its JSON array by reference, so no caller relied on more).
 */
public final class DecodedValue {

    /**
     * Makes a value's JSON when it is first asked for. Never does I/O (what it reads was fetched when the value was
     * decoded) and never fails for a value its decoder accepted: the decoder checked the bytes against the schema
     * before handing this out. Called at most a few times per value (threads racing for the first JSON may each
     * make it; one array is kept), from any thread but the FX thread's bulk work.
     */
    public interface JsonSource {

        /** The value's whole JSON, UTF-8. */
        byte[] json();

        /**
         * JSON holding only what {@code paths} need, where that costs less than the whole JSON: each path (field
         * names from the root, {@code [customer, email]}) finds, at its first occurrence, what it finds in the whole
         * JSON (the objects on its way with the members of those names, in order, and the whole value at its end),
         * or finds nothing in both. Null when this source cannot do that more cheaply, or cannot be sure it agrees:
         * then the caller reads the whole JSON.
         */
        default byte[] fields(List<List<String>> paths) {
            return null;
        }
    }

    /**
     * The JSON, or what makes it: shared by a value and its copies ({@link #withMismatch}, {@link #withMessageType}),
     * so whichever is asked first makes it for all of them.
     */
    private static final class Lazy {
        private static final VarHandle JSON;

        static {
            try {
                JSON = MethodHandles.lookup().findVarHandle(Lazy.class, "json", byte[].class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** The JSON once made (or given); null while {@link #source} is still to make it, or when not read. */
        private volatile byte[] json;
        /** What makes the JSON; dropped once it is made, so a kept row does not hold the raw value twice. */
        private volatile JsonSource source;

        Lazy(byte[] json, JsonSource source) {
            this.json = json;
            this.source = source;
        }

        byte[] json(String format) {
            byte[] made = json;
            if (made != null) {
                return made;
            }
            JsonSource from = source;
            if (from == null) {
                return json; // another thread made it meanwhile (it sets the JSON before it drops the source)
            }
            made = from.json();
            if (made == null) {
                throw new IllegalStateException("the JSON source of a read " + format + " value made no JSON");
            }
            if (!JSON.compareAndSet(this, null, made)) {
                made = json;
            }
            source = null;
            return made;
        }
    }

    private final String format;
    private final int schemaId;
    private final String subject;
    private final String schema;
    private final String problem;
    private final boolean jsonCut;
    private final String mismatch;
    private final String messageType;
    private final Lazy value;

    /**
     * @param format   how the value was written, in the operator's words ("Avro", "Protobuf", "JSON Schema")
     * @param schemaId the registry's schema id from the wire format; -1 where there is none
     * @param subject  where the registry files that schema, such as {@code payments-value v3}; empty if not known
     * @param schema   the schema's text as the registry gave it (shared by every record of that id); empty if not
     *                 known
     * @param json     the value as UTF-8 JSON, or null when it could not be read
     * @param problem  a sentence saying why the value could not be read and what to do, or null when it was
     * @param jsonCut  whether {@code json} is only the start of the JSON, cut to a browser's byte budget
     * @param mismatch a sentence saying how a value that could be read still does not match its schema (a JSON
     *                 Schema it fails, Protobuf fields the schema does not declare), or null when it matches; the
     *                 JSON is shown all the same, so the operator sees what is wrong
     * @param messageType Protobuf in the registry's wire format: the full name of the message the value was written
     *                 as ({@code shop.Order.Line}), which its message indexes name; empty otherwise. A schema may
     *                 declare several messages whose JSON looks alike, so writing an edited value back needs this,
     *                 not a guess
     */
    public DecodedValue(String format, int schemaId, String subject, String schema, byte[] json, String problem,
                        boolean jsonCut, String mismatch, String messageType) {
        this(format, schemaId, subject, schema, new Lazy(json, null), problem, jsonCut, mismatch, messageType);
        if ((json == null) == (problem == null)) {
            throw new IllegalArgumentException("a decoded value has either its JSON or a problem, not both");
        }
    }

    public DecodedValue(String format, int schemaId, String subject, String schema, byte[] json, String problem,
                        boolean jsonCut, String mismatch) {
        this(format, schemaId, subject, schema, json, problem, jsonCut, mismatch, "");
    }

    public DecodedValue(String format, int schemaId, String subject, String schema, byte[] json, String problem,
                        boolean jsonCut) {
        this(format, schemaId, subject, schema, json, problem, jsonCut, null);
    }

    private DecodedValue(String format, int schemaId, String subject, String schema, Lazy value, String problem,
                         boolean jsonCut, String mismatch, String messageType) {
        this.format = Objects.requireNonNull(format, "format");
        this.schemaId = schemaId;
        this.subject = Objects.requireNonNull(subject, "subject");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.value = value;
        this.problem = problem;
        this.jsonCut = jsonCut;
        this.mismatch = mismatch;
        this.messageType = messageType == null ? "" : messageType;
    }

    public static DecodedValue read(String format, int schemaId, String subject, String schema, byte[] json) {
        return new DecodedValue(format, schemaId, subject, schema, json, null, false);
    }

    /**
     * A value read (its bytes checked against the schema), whose JSON {@code source} makes when it is first asked
     * for.
     */
    public static DecodedValue read(String format, int schemaId, String subject, String schema, JsonSource source) {
        return new DecodedValue(format, schemaId, subject, schema,
                new Lazy(null, Objects.requireNonNull(source, "source")), null, false, null, "");
    }

    public static DecodedValue failed(String format, int schemaId, String problem) {
        return new DecodedValue(format, schemaId, "", "", null, problem, false);
    }

    /** How the value was written, in the operator's words ("Avro", "Protobuf", "JSON Schema"). */
    public String format() {
        return format;
    }

    /** The registry's schema id from the wire format; -1 where there is none. */
    public int schemaId() {
        return schemaId;
    }

    /** Where the registry files the schema, such as {@code payments-value v3}; empty if not known. */
    public String subject() {
        return subject;
    }

    /** The schema's text as the registry gave it; empty if not known. */
    public String schema() {
        return schema;
    }

    /**
     * The value as UTF-8 JSON, or null when it could not be read. Made from the raw bytes the first time it is
     * asked for (CPU only, about a microsecond for a typical event), then kept: ask off the FX thread for many
     * values at once.
     */
    public byte[] json() {
        return problem != null ? null : value.json(format);
    }

    /**
     * JSON holding only what the field {@code paths} need (see {@link JsonSource#fields}), or null when the whole
     * {@link #json()} is to be read instead: it is made already, the value was not read, or its source cannot make
     * less of it for sure. Not kept: a scan's filter asks once per value.
     */
    public byte[] fieldsJson(List<List<String>> paths) {
        JsonSource from = value.source;
        if (value.json != null || problem != null || from == null) {
            return null;
        }
        return from.fields(paths);
    }

    /** Whether the JSON is there without being made: made already, given whole, or not read at all. */
    public boolean jsonMade() {
        return value.json != null || problem != null;
    }

    /** A sentence saying why the value could not be read and what to do, or null when it was read. */
    public String problem() {
        return problem;
    }

    /** Whether {@link #json()} is only the start of the JSON, cut to a browser's byte budget. */
    public boolean jsonCut() {
        return jsonCut;
    }

    /** How a value that could be read does not match its schema, or null when it matches (or was not read). */
    public String mismatch() {
        return mismatch;
    }

    /** The Protobuf message the value was written as, by its full name; empty for any other kind of value. */
    public String messageType() {
        return messageType;
    }

    /** Whether the value was read: it has JSON, made already or when asked for. */
    public boolean isRead() {
        return problem == null;
    }

    /** Whether the value fits its schema: read, and nothing found that the schema does not allow. */
    public boolean matchesSchema() {
        return problem == null && mismatch == null;
    }

    /** The same reading, said not to match its schema ({@code sentence}), its JSON still shown. */
    public DecodedValue withMismatch(String sentence) {
        return copy(sentence, messageType);
    }

    /** The same reading, saying which Protobuf message of its schema the value was written as. */
    public DecodedValue withMessageType(String fullName) {
        return copy(mismatch, fullName);
    }

    /** A copy sharing this value's JSON, made or to be made. */
    private DecodedValue copy(String mismatch, String messageType) {
        return new DecodedValue(format, schemaId, subject, schema, value, problem, jsonCut, mismatch, messageType);
    }

    /**
     * One line for the detail pane, an export or the command line: {@code Avro, schema id 7 (payments-value v3)},
     * {@code Protobuf shop.Refund, schema id 9 (payments-value v4)}.
     */
    public String note() {
        String kind = messageType.isEmpty() ? format : format + " " + messageType;
        String id = schemaId < 0 ? "" : ", schema id " + schemaId;
        String where = subject.isEmpty() ? "" : " (" + subject + ")";
        if (problem != null) {
            return kind + id + ": " + problem;
        }
        return mismatch == null ? kind + id + where : kind + id + where + ", which it does not match: " + mismatch;
    }

    /** The same reading with its JSON cut to {@code json}: what a browser keeps of a large value. */
    public DecodedValue cutTo(byte[] start) {
        return new DecodedValue(format, schemaId, subject, schema, start, problem, true, mismatch, messageType);
    }

    @Override
    public String toString() {
        return "DecodedValue[" + note() + (jsonMade() ? "" : ", JSON not made yet") + "]";
    }
}
