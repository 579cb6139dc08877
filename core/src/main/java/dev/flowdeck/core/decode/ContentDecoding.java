package dev.flowdeck.core.decode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Reads a value by what its message says of it, as AMQP's {@code content_type} and {@code content_encoding}
 * properties do (RabbitMQ): a gzip or deflate value is inflated, text in another charset is read into UTF-8, and
 * a Protobuf value is read through the operator's descriptor set where one is configured. Everything else is shown
 * as its bytes say (JSON, text or hex), as before; so is a value whose message says nothing, unless its bytes
 * start with gzip's magic number (auto-detection, as Kafka's values are detected by the registry's magic byte).
 *
 * <p>Inflating is bounded: at most {@value #MAX_INFLATED} bytes are read out of one value, however small it is
 * compressed (a "zip bomb" of a few kilobytes can inflate to gigabytes); past that the value is shown cut there,
 * and says so. Never throws: a value that cannot be read is a sentence on that value.
 *
 * <p>Pure and thread-safe; runs on a connector's reading thread (never the AMQP client's dispatch thread, which
 * serves every consumer of the connection), before the filter, so filters see what is shown. One value is bounded
 * here; a browse bounds how many inflated values it holds at once by handing its batch over early.
 */
public final class ContentDecoding {

    /** The most bytes inflated out of one value: 10 MiB. */
    public static final int MAX_INFLATED = 10 * 1024 * 1024;

    /** Reads a Protobuf value of a named message type into JSON, from the operator's descriptor set. */
    @FunctionalInterface
    public interface ProtobufReader {

        /** No descriptor set configured: Protobuf values are shown as their bytes (hex). */
        ProtobufReader NONE = (type, bytes) -> null;

        /**
         * @param messageType the message's full name ({@code shop.Order}) as the content type or the AMQP
         *                    {@code type} property names it; empty when neither does
         * @return the value read, or why not; null when no descriptor set is configured
         */
        DecodedValue read(String messageType, byte[] bytes);
    }

    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};

    private final ProtobufReader protobuf;
    private final int maxInflated;

    public ContentDecoding(ProtobufReader protobuf) {
        this(protobuf, MAX_INFLATED);
    }

    ContentDecoding(ProtobufReader protobuf, int maxInflated) {
        this.protobuf = protobuf;
        this.maxInflated = maxInflated;
    }

    /** Without a descriptor set. */
    public static final ContentDecoding PLAIN = new ContentDecoding(ProtobufReader.NONE);

    /**
     * @param contentType     the message's content type ({@code application/json; charset=utf-8}); null if unset
     * @param contentEncoding the message's content encoding ({@code gzip}, {@code deflate}); null if unset
     * @param typeProperty    AMQP's {@code type} property, which some publishers use for a Protobuf message's
     *                        name; null if unset
     * @param value           the raw value; may be null
     * @return what the value reads as, or null when it is shown as its bytes say (nothing to decode)
     */
    public DecodedValue decode(String contentType, String contentEncoding, String typeProperty, byte[] value) {
        if (value == null || value.length == 0) {
            return null;
        }
        MediaType media = MediaType.parse(contentType);
        String encoding = contentEncoding == null ? "" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        byte[] bytes = value;
        String inflatedBy = "";
        boolean cut = false;
        if (encoding.isEmpty() && media.isUnset() && startsWith(value, GZIP_MAGIC)) {
            encoding = "gzip"; // nothing said, and the bytes say gzip
        }
        if (!encoding.isEmpty() && !encoding.equals("identity")) {
            Inflated inflated;
            try {
                inflated = switch (encoding) {
                    case "gzip", "x-gzip" -> inflate(new GZIPInputStream(new ByteArrayInputStream(value)));
                    case "deflate" -> deflate(value);
                    default -> null;
                };
            } catch (IOException | RuntimeException broken) {
                return DecodedValue.failed(encoding, -1, "The value says it is " + encoding + "-compressed but "
                        + "does not inflate (" + broken.getMessage() + "): shown as its bytes.");
            }
            if (inflated == null) {
                return DecodedValue.failed(encoding, -1, "Flowdeck does not read the content encoding '"
                        + encoding + "' (only gzip and deflate): shown as its bytes.");
            }
            bytes = inflated.bytes();
            cut = inflated.cut();
            inflatedBy = encoding;
        }
        DecodedValue typed = typed(media, typeProperty, bytes, inflatedBy, cut);
        if (typed != null) {
            return typed;
        }
        if (inflatedBy.isEmpty()) {
            return null; // nothing to do: shown as its bytes say
        }
        return new DecodedValue(format(inflatedBy, media.essence(), cut), -1, "", "", bytes, null, cut);
    }

    /** What the content type makes of the (inflated) bytes; null where they are shown as they say. */
    private DecodedValue typed(MediaType media, String typeProperty, byte[] bytes, String inflatedBy,
                               boolean cut) {
        String essence = media.essence();
        if (essence.equals("application/x-protobuf") || essence.equals("application/protobuf")
                || essence.equals("application/vnd.google.protobuf")) {
            String type = media.parameter("messagetype")
                    .or(() -> media.parameter("proto"))
                    .or(() -> Optional.ofNullable(typeProperty).filter(t -> !t.isBlank()))
                    .orElse("");
            DecodedValue read = protobuf.read(type, bytes);
            if (read != null) {
                return read;
            }
            return inflatedBy.isEmpty() ? null : new DecodedValue(format(inflatedBy, essence, cut), -1, "", "",
                    bytes, null, cut);
        }
        if (essence.startsWith("text/") || essence.endsWith("json") || essence.endsWith("+json")
                || essence.endsWith("xml")) {
            Charset charset = media.charset();
            if (charset != null && !charset.equals(StandardCharsets.UTF_8)
                    && !charset.equals(StandardCharsets.US_ASCII)) {
                byte[] utf8 = new String(bytes, charset).getBytes(StandardCharsets.UTF_8);
                return new DecodedValue(format(inflatedBy, essence + " in " + charset.name(), cut), -1, "", "",
                        utf8, null, cut);
            }
        }
        return null;
    }

    private String format(String inflatedBy, String essence, boolean cut) {
        String what = essence.isEmpty() ? "" : essence;
        String how = inflatedBy.isEmpty() ? what : inflatedBy + "-compressed" + (what.isEmpty() ? "" : " " + what);
        return cut ? how + ", cut where it inflated past " + (maxInflated >= 1024 * 1024 ? maxInflated / (1024 * 1024)
                + " MB" : maxInflated + " bytes") : how;
    }

    private record Inflated(byte[] bytes, boolean cut) {
    }

    /** zlib-wrapped (what HTTP and most AMQP clients mean by deflate), else raw deflate. */
    private Inflated deflate(byte[] value) throws IOException {
        try {
            return inflateWith(new Inflater(), value);
        } catch (IOException notZlib) {
            return inflateWith(new Inflater(true), value);
        }
    }

    /** A stream given its inflater does not end it when closed: its native memory is freed here, not by the GC. */
    private Inflated inflateWith(Inflater inflater, byte[] value) throws IOException {
        try {
            return inflate(new InflaterInputStream(new ByteArrayInputStream(value), inflater));
        } finally {
            inflater.end();
        }
    }

    /** Reads at most {@code maxInflated} bytes, and one more to know whether there were more. */
    private Inflated inflate(InputStream in) throws IOException {
        try (in) {
            var out = new ByteArrayOutputStream(Math.min(maxInflated, 64 * 1024));
            byte[] buffer = new byte[16 * 1024];
            int total = 0;
            while (total < maxInflated) {
                int read = in.read(buffer, 0, Math.min(buffer.length, maxInflated - total));
                if (read < 0) {
                    return new Inflated(out.toByteArray(), false);
                }
                out.write(buffer, 0, read);
                total += read;
            }
            return new Inflated(out.toByteArray(), in.read() >= 0);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** A content type's essence ({@code type/subtype}, lower case) and parameters. */
    private record MediaType(String essence, Map<String, String> parameters) {

        static MediaType parse(String contentType) {
            if (contentType == null || contentType.isBlank()) {
                return new MediaType("", Map.of());
            }
            String[] parts = contentType.split(";");
            var parameters = new HashMap<String, String>();
            for (int i = 1; i < parts.length; i++) {
                int equals = parts[i].indexOf('=');
                if (equals > 0) {
                    String value = parts[i].substring(equals + 1).strip();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    parameters.put(parts[i].substring(0, equals).strip().toLowerCase(Locale.ROOT), value);
                }
            }
            return new MediaType(parts[0].strip().toLowerCase(Locale.ROOT), parameters);
        }

        boolean isUnset() {
            return essence.isEmpty();
        }

        Optional<String> parameter(String name) {
            return Optional.ofNullable(parameters.get(name)).filter(value -> !value.isBlank());
        }

        /** The named charset, or null when none is named or Java does not know it. */
        Charset charset() {
            return parameter("charset").map(name -> {
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
                    return null;
                }
            }).orElse(null);
        }
    }
}
