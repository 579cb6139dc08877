package dev.flowdeck.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A folder name for a cluster's name: readable, safe on every file system, and distinct for distinct names. Case
 * is folded and odd characters replaced for the file system, so a hash of the exact name keeps "Prod" and "prod"
 * (one folder on Windows and macOS otherwise) apart.
 */
final class ClusterFolder {

    private static final int READABLE_LENGTH = 40;

    private ClusterFolder() {
    }

    static String nameFor(String cluster) {
        StringBuilder readable = new StringBuilder();
        cluster.toLowerCase(Locale.ROOT).codePoints().limit(READABLE_LENGTH).forEach(c ->
                readable.append(c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '_') ? (char) c : '_'));
        return readable + "-" + HexFormat.of().formatHex(sha256(cluster), 0, 4);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException everyJvmHasIt) {
            throw new IllegalStateException(everyJvmHasIt);
        }
    }
}
