package dev.flowdeck.core.mask;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A profile's key for hashed fields: 32 random bytes kept in the secret store (never in {@code profiles.json}), so
 * the desktop and the command line give one value the same hash across sessions, while a hash copied out of an
 * export cannot be reversed by hashing a dictionary of e-mail addresses or card numbers without the key.
 */
public final class HashKey {

    private static final String HMAC = "HmacSHA256";
    private static final int BYTES = 32;
    /** 8 bytes of the HMAC: 64 bits, no collision in any sample an operator looks at, short enough for a cell. */
    private static final int SHOWN_BYTES = 8;

    private final byte[] key;
    /**
     * One initialised MAC per thread: looking the algorithm up and keying it cost more than hashing a short value,
     * and a {@link Mac} is not thread-safe. {@code doFinal} leaves it ready for the next value.
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    private HashKey(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("a hash key has at least 16 bytes");
        }
        this.key = key.clone();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK has HmacSHA256", e);
        }
    }

    /** A new random key. */
    public static HashKey random() {
        byte[] bytes = new byte[BYTES];
        new SecureRandom().nextBytes(bytes);
        return new HashKey(bytes);
    }

    /** The key as {@link #text()} wrote it (base64). */
    public static HashKey fromText(String text) {
        return new HashKey(Base64.getDecoder().decode(text.strip()));
    }

    /** Base64, for the secret store. */
    public String text() {
        return Base64.getEncoder().encodeToString(key);
    }

    /** {@code hash:} and 16 hex digits: HMAC-SHA-256 of {@code bytes} under this key, cut to 64 bits. */
    public String hash(byte[] bytes) {
        byte[] full = macs.get().doFinal(bytes);
        return "hash:" + HexFormat.of().formatHex(Arrays.copyOf(full, SHOWN_BYTES));
    }

    @Override
    public String toString() {
        return "HashKey(secret)";
    }
}
