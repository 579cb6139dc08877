package dev.flowdeck.core.profile;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Takes the user and password out of an AMQP or HTTP URI ({@code amqp://ops:secret@rabbit:5672/%2F}), so that a
 * profile keeps the address, its user goes to the profile and its password to the keychain: a URI is shown in the
 * status bar and written to the profile file, a password must never be.
 *
 * @param address  the URI without user information
 * @param user     the user it named, or empty
 * @param password the password it named, or empty
 */
public record AmqpAddress(String address, String user, String password) {

    public static AmqpAddress split(String uri) {
        String trimmed = uri.trim();
        try {
            URI parsed = URI.create(trimmed);
            String userInfo = parsed.getRawUserInfo();
            if (userInfo == null || parsed.getHost() == null) {
                return new AmqpAddress(trimmed, "", "");
            }
            String[] parts = userInfo.split(":", 2);
            String rest = trimmed.substring(trimmed.indexOf('@') + 1);
            return new AmqpAddress(parsed.getScheme() + "://" + rest, decode(parts[0]),
                    parts.length > 1 ? decode(parts[1]) : "");
        } catch (IllegalArgumentException notAUri) {
            return new AmqpAddress(trimmed, "", "");
        }
    }

    /** The URI safe to show or log: any password replaced by asterisks. */
    public static String masked(String uri) {
        AmqpAddress split = split(uri);
        return split.password().isEmpty() ? uri
                : split.address().replaceFirst("://", "://" + split.user() + ":****@");
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
