package dev.flowdeck.core.profile;

import dev.flowdeck.core.broker.ConnectionProfile;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Kafka {@code client.properties} file, the form most teams already hand around, into a profile: the
 * bootstrap list becomes the address, a JAAS user name the profile's user, and everything else stays a client
 * property (secret ones to be moved to the keychain when the profile is saved).
 */
public final class ClientPropertiesImport {

    private static final Pattern JAAS_USER = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern JAAS_PASSWORD = Pattern.compile("password\\s*=\\s*\"([^\"]*)\"");

    /**
     * @param profile the profile, without secrets
     * @param secrets what must go to the keychain: the password as {@code password}, secret properties by name
     */
    public record Imported(ConnectionProfile profile, Map<String, String> secrets) {
    }

    private ClientPropertiesImport() {
    }

    public static Imported parse(String name, String propertiesText) {
        var properties = new Properties();
        try {
            properties.load(new StringReader(propertiesText));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("This is not a properties file: " + e.getMessage(), e);
        }
        String bootstrap = properties.getProperty("bootstrap.servers", "").trim();
        if (bootstrap.isEmpty()) {
            throw new IllegalArgumentException("The file names no bootstrap.servers: Flowdeck needs it to connect.");
        }
        Map<String, String> rest = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> rest.put(key, properties.getProperty(key).trim()));
        rest.remove("bootstrap.servers");
        Map<String, String> secrets = new HashMap<>(SecretProperties.secrets(rest));
        String user = "";
        String jaas = rest.get("sasl.jaas.config");
        if (jaas != null) {
            Matcher userMatch = JAAS_USER.matcher(jaas);
            Matcher passwordMatch = JAAS_PASSWORD.matcher(jaas);
            if (userMatch.find() && passwordMatch.find()) {
                // A plain user/password login: keep the two, let the connector rebuild the JAAS line.
                user = userMatch.group(1);
                secrets.remove("sasl.jaas.config");
                secrets.put("password", passwordMatch.group(1));
                rest.remove("sasl.jaas.config");
            }
        }
        var profile = ConnectionProfile.kafka(name, bootstrap)
                .withUsername(user)
                .withProperties(SecretProperties.blanked(rest));
        return new Imported(profile, secrets);
    }
}
