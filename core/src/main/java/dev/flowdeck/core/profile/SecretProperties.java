package dev.flowdeck.core.profile;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tells the secret client properties from the rest ({@code ssl.truststore.password}, {@code sasl.jaas.config},
 * a token...), so a profile can be saved with them blanked and their values sent to the keychain instead.
 */
public final class SecretProperties {

    /** What a blanked secret reads as in a saved profile. */
    public static final String IN_KEYCHAIN = "<in keychain>";

    private static final List<String> MARKERS = List.of("password", "secret", "token", "jaas", "credential",
            "private.key", "api.key", "apikey", "keystore.key", "user.info");

    private SecretProperties() {
    }

    public static boolean isSecret(String propertyName) {
        String name = propertyName.toLowerCase(Locale.ROOT);
        return MARKERS.stream().anyMatch(name::contains);
    }

    /** The properties with every secret value replaced by {@link #IN_KEYCHAIN}. */
    public static Map<String, String> blanked(Map<String, String> properties) {
        Map<String, String> result = new HashMap<>();
        properties.forEach((name, value) -> result.put(name, isSecret(name) ? IN_KEYCHAIN : value));
        return result;
    }

    /** Only the secret ones. */
    public static Map<String, String> secrets(Map<String, String> properties) {
        Map<String, String> result = new HashMap<>();
        properties.forEach((name, value) -> {
            if (isSecret(name) && !IN_KEYCHAIN.equals(value)) {
                result.put(name, value);
            }
        });
        return result;
    }

    /** The keychain key of a profile's secret: one namespace per profile, so deleting a profile finds them all. */
    public static String key(String profileId, String what) {
        return "flowdeck/" + profileId + "/" + what;
    }
}
