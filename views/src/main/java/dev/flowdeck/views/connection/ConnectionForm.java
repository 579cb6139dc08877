package dev.flowdeck.views.connection;

import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.mask.MaskRule;
import dev.flowdeck.core.mask.MaskingSettings;
import dev.flowdeck.core.profile.AmqpAddress;
import dev.flowdeck.core.profile.ClientPropertiesImport;
import dev.flowdeck.core.profile.SecretProperties;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The connection dialog's state: one property per field, and the two-way mapping to a profile plus the secrets to
 * store. Common settings have fields of their own (Kafka's security protocol, SASL mechanism, trust and key
 * stores; RabbitMQ's management URL); anything else goes in "more properties", one {@code key=value} a line.
 * Secret fields start empty when editing: left empty, the stored secret stays.
 */
public final class ConnectionForm {

    public static final List<String> SECURITY_PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    public static final List<String> SASL_MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    private static final String PROTOCOL = "security.protocol";
    private static final String MECHANISM = "sasl.mechanism";
    private static final String TRUSTSTORE = "ssl.truststore.location";
    private static final String TRUSTSTORE_PASSWORD = "ssl.truststore.password";
    private static final String KEYSTORE = "ssl.keystore.location";
    private static final String KEYSTORE_PASSWORD = "ssl.keystore.password";
    private static final String MANAGEMENT_URL = "management.url";
    private static final List<String> OWN_FIELDS =
            List.of(PROTOCOL, MECHANISM, TRUSTSTORE, TRUSTSTORE_PASSWORD, KEYSTORE, KEYSTORE_PASSWORD, MANAGEMENT_URL);

    private String id = ConnectionProfile.newId();
    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<BrokerKind> kind = new SimpleObjectProperty<>(BrokerKind.KAFKA);
    private final StringProperty address = new SimpleStringProperty("");
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty securityProtocol = new SimpleStringProperty("PLAINTEXT");
    private final StringProperty saslMechanism = new SimpleStringProperty("SCRAM-SHA-512");
    private final StringProperty truststore = new SimpleStringProperty("");
    private final StringProperty truststorePassword = new SimpleStringProperty("");
    private final StringProperty keystore = new SimpleStringProperty("");
    private final StringProperty keystorePassword = new SimpleStringProperty("");
    private final StringProperty managementUrl = new SimpleStringProperty("");
    private final StringProperty moreProperties = new SimpleStringProperty("");
    private final BooleanProperty readOnly = new SimpleBooleanProperty(false);
    private final BooleanProperty production = new SimpleBooleanProperty(false);
    /** Masking rules, one a line ({@code $.card.number mask}, {@code header authorization remove}). */
    private final StringProperty maskingRules = new SimpleStringProperty("");
    private final BooleanProperty maskTextPii = new SimpleBooleanProperty(false);
    private final BooleanProperty mayReveal = new SimpleBooleanProperty(false);
    private final Map<String, String> importedSecrets = new HashMap<>();
    /** Secret settings of the profile being edited, kept in the keychain unless the operator types new ones. */
    private final Map<String, String> keptSecrets = new HashMap<>();

    /** An empty form for a new profile. */
    public ConnectionForm() {
        // A production cluster is read-only unless the operator says otherwise.
        production.subscribe(isProduction -> {
            if (isProduction) {
                readOnly.set(true);
            }
        });
    }

    /** A form holding a saved profile, to edit (secret fields empty: left so, the stored secrets stay). */
    public static ConnectionForm editing(ConnectionProfile profile) {
        var form = new ConnectionForm();
        form.load(profile);
        return form;
    }

    /** Fills the form from a Kafka {@code client.properties} text; its secrets are kept for the save. */
    public void importClientProperties(String text) {
        String keptName = name.get().isBlank() ? "Imported cluster" : name.get();
        var imported = ClientPropertiesImport.parse(keptName, text);
        String keptId = id;
        String keptRules = maskingRules.get();
        boolean keptTextPii = maskTextPii.get();
        boolean keptReveal = mayReveal.get();
        load(imported.profile());
        id = keptId;
        // A client.properties file says nothing of masking: what the operator wrote stays.
        maskingRules.set(keptRules);
        maskTextPii.set(keptTextPii);
        mayReveal.set(keptReveal);
        importedSecrets.clear();
        importedSecrets.putAll(imported.secrets());
        password.set(imported.secrets().getOrDefault("password", ""));
        truststorePassword.set(imported.secrets().getOrDefault(TRUSTSTORE_PASSWORD, ""));
        keystorePassword.set(imported.secrets().getOrDefault(KEYSTORE_PASSWORD, ""));
    }

    private void load(ConnectionProfile profile) {
        id = profile.id();
        name.set(profile.name());
        kind.set(profile.kind());
        address.set(profile.address());
        username.set(profile.username());
        readOnly.set(profile.readOnly());
        production.set(profile.production());
        readOnly.set(profile.readOnly());
        Map<String, String> properties = profile.clientProperties();
        securityProtocol.set(properties.getOrDefault(PROTOCOL, "PLAINTEXT"));
        saslMechanism.set(properties.getOrDefault(MECHANISM, "SCRAM-SHA-512"));
        truststore.set(properties.getOrDefault(TRUSTSTORE, ""));
        keystore.set(properties.getOrDefault(KEYSTORE, ""));
        managementUrl.set(properties.getOrDefault(MANAGEMENT_URL, ""));
        keptSecrets.clear();
        for (String own : List.of(TRUSTSTORE_PASSWORD, KEYSTORE_PASSWORD)) {
            if (SecretProperties.IN_KEYCHAIN.equals(properties.get(own))) {
                keptSecrets.put(own, SecretProperties.IN_KEYCHAIN);
            }
        }
        Map<String, String> rest = new TreeMap<>(properties);
        OWN_FIELDS.forEach(rest::remove);
        StringBuilder text = new StringBuilder();
        rest.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        moreProperties.set(text.toString());
        MaskingSettings masking = profile.masking();
        maskingRules.set(masking.rules().stream().map(rule -> rule.line() + "\n").collect(Collectors.joining()));
        maskTextPii.set(masking.maskTextPii());
        mayReveal.set(masking.mayReveal());
    }

    /**
     * The masking the form describes. A line that is not a rule fails with its number and how to write it; blank
     * lines and lines starting with {@code #} are skipped.
     */
    public MaskingSettings toMasking() {
        List<MaskRule> rules = new ArrayList<>();
        List<String> lines = maskingRules.get().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                rules.add(MaskRule.parse(line));
            } catch (IllegalArgumentException wrong) {
                throw new IllegalArgumentException("Masking rule " + (i + 1) + ": " + wrong.getMessage(), wrong);
            }
        }
        return new MaskingSettings(rules, maskTextPii.get(), mayReveal.get());
    }

    /** The profile the form describes, secrets blanked. Throws with an operator message if a field is wrong. */
    public ConnectionProfile toProfile() {
        if (name.get().isBlank()) {
            throw new IllegalArgumentException("Give the connection a name.");
        }
        if (address.get().isBlank()) {
            throw new IllegalArgumentException(kind.get() == BrokerKind.KAFKA
                    ? "Give the bootstrap servers, such as kafka-1:9092,kafka-2:9092."
                    : "Give the AMQP URI, such as amqp://rabbit:5672/%2F.");
        }
        Map<String, String> properties = new LinkedHashMap<>(keptSecrets);
        properties.putAll(parseMore());
        String where = address.get().trim();
        String user = username.get().trim();
        if (kind.get() == BrokerKind.KAFKA) {
            properties.put(PROTOCOL, securityProtocol.get());
            if (securityProtocol.get().startsWith("SASL")) {
                properties.put(MECHANISM, saslMechanism.get());
            }
            putIfSet(properties, TRUSTSTORE, truststore.get());
            putIfSet(properties, KEYSTORE, keystore.get());
            putIfSet(properties, TRUSTSTORE_PASSWORD, truststorePassword.get());
            putIfSet(properties, KEYSTORE_PASSWORD, keystorePassword.get());
        } else {
            // A URI may carry user and password: the user goes to the profile, the password to the keychain.
            AmqpAddress amqp = AmqpAddress.split(where);
            where = amqp.address();
            user = user.isEmpty() ? amqp.user() : user;
            putIfSet(properties, MANAGEMENT_URL, AmqpAddress.split(managementUrl.get()).address());
        }
        return new ConnectionProfile(id, name.get().trim(), kind.get(), where, user,
                readOnly.get(), production.get(), false, SecretProperties.blanked(properties), toMasking());
    }

    /** What goes to the keychain: only secrets the operator typed (or imported) this time. */
    public Map<String, String> secrets() {
        Map<String, String> secrets = new HashMap<>(importedSecrets);
        secrets.putAll(SecretProperties.secrets(parseMore()));
        if (kind.get() == BrokerKind.RABBITMQ) {
            putIfSet(secrets, "password", AmqpAddress.split(managementUrl.get()).password());
            putIfSet(secrets, "password", AmqpAddress.split(address.get()).password());
        }
        putIfSet(secrets, "password", password.get());
        putIfSet(secrets, TRUSTSTORE_PASSWORD, truststorePassword.get());
        putIfSet(secrets, KEYSTORE_PASSWORD, keystorePassword.get());
        return secrets;
    }

    private Map<String, String> parseMore() {
        var parsed = new Properties();
        try {
            parsed.load(new StringReader(moreProperties.get()));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The extra properties are not key=value lines: " + e.getMessage(), e);
        }
        Map<String, String> result = new TreeMap<>();
        parsed.stringPropertyNames().forEach(key -> result.put(key, parsed.getProperty(key).trim()));
        return result;
    }

    private static void putIfSet(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value.trim());
        }
    }

    public BooleanBinding isKafka() {
        return Bindings.createBooleanBinding(() -> kind.get() == BrokerKind.KAFKA, kind);
    }

    public BooleanBinding usesSasl() {
        return Bindings.createBooleanBinding(() -> securityProtocol.get().startsWith("SASL"), securityProtocol);
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<BrokerKind> kindProperty() {
        return kind;
    }

    public StringProperty addressProperty() {
        return address;
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty securityProtocolProperty() {
        return securityProtocol;
    }

    public StringProperty saslMechanismProperty() {
        return saslMechanism;
    }

    public StringProperty truststoreProperty() {
        return truststore;
    }

    public StringProperty truststorePasswordProperty() {
        return truststorePassword;
    }

    public StringProperty keystoreProperty() {
        return keystore;
    }

    public StringProperty keystorePasswordProperty() {
        return keystorePassword;
    }

    public StringProperty managementUrlProperty() {
        return managementUrl;
    }

    public StringProperty morePropertiesProperty() {
        return moreProperties;
    }

    public BooleanProperty readOnlyProperty() {
        return readOnly;
    }

    public StringProperty maskingRulesProperty() {
        return maskingRules;
    }

    public BooleanProperty maskTextPiiProperty() {
        return maskTextPii;
    }

    public BooleanProperty mayRevealProperty() {
        return mayReveal;
    }

    public BooleanProperty productionProperty() {
        return production;
    }
}
