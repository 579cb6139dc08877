package dev.flowdeck.cli;

import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Credentials;
import dev.flowdeck.core.mask.HashKey;
import dev.flowdeck.core.mask.Masking;
import dev.flowdeck.core.profile.AmqpAddress;
import dev.flowdeck.core.profile.SecretProperties;
import dev.flowdeck.core.profile.SecretStore;
import dev.flowdeck.profiles.ProfileRepository;
import dev.flowdeck.profiles.SessionSecretStore;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The cluster a command reads, with its credentials in memory only: built from --bootstrap-server, --amqp-uri or
 * --profile. A password never comes from an option (it would sit in the shell history and the process list): from
 * the profile's secret store, else {@value #PASSWORD_VARIABLE}, else a prompt.
 */
record Target(ConnectionProfile profile, Credentials credentials, HashKey hashKey) {

    Target(ConnectionProfile profile, Credentials credentials) {
        this(profile, credentials, null);
    }

    /**
     * What is masked in the messages this command writes: the saved profile's rules (none for an address given on
     * the command line), hashed with the profile's key from its secret store, as the desktop hashes them.
     */
    Masking masking() {
        return Masking.of(profile.masking(), hashKey);
    }

    static final String PASSWORD_VARIABLE = "FLOWDECK_PASSWORD";

    /** A host name, an IPv4 address or a bracketed IPv6 one, then a port: the hosts the Kafka client accepts. */
    private static final Pattern BOOTSTRAP_ADDRESS =
            Pattern.compile("(?:[0-9A-Za-z][0-9A-Za-z\\-%._]*|\\[[0-9A-Za-z:.%]+\\]):([0-9]{1,5})");

    /**
     * @throws UsageException     for an address that cannot be right or a profile that does not exist
     * @throws CommandFailure     when the secrets cannot be opened
     */
    static Target of(TargetOptions options, CliEnvironment environment) {
        if (options.bootstrapServers != null) {
            String servers = options.bootstrapServers.trim();
            if (servers.isEmpty()) {
                throw new UsageException("--bootstrap-server needs an address such as localhost:9092.");
            }
            refuseMalformed(servers);
            return new Target(ConnectionProfile.kafka(servers, servers), Credentials.NONE);
        }
        if (options.rabbit != null) {
            return rabbit(options.rabbit, environment);
        }
        return saved(options.profile, environment);
    }

    /**
     * Checks {@code host:port[,host:port...]} here, where a wrong list is a usage error: the Kafka client would
     * refuse it only when opened, with a ConfigException that reads as an unexpected failure.
     */
    private static void refuseMalformed(String servers) {
        for (String server : servers.split(",", -1)) {
            String address = server.strip();
            Matcher matcher = BOOTSTRAP_ADDRESS.matcher(address);
            if (!matcher.matches() || Integer.parseInt(matcher.group(1)) < 1
                    || Integer.parseInt(matcher.group(1)) > 65535) {
                throw new UsageException("--bootstrap-server takes HOST:PORT, or several separated by commas "
                        + "(kafka-1:9092,kafka-2:9092): '" + address + "' is not one.");
            }
        }
    }

    private static Target rabbit(TargetOptions.Rabbit options, CliEnvironment environment) {
        AmqpAddress uri = AmqpAddress.split(options.uri);
        refusePassword(uri, "--amqp-uri");
        try {
            URI parsed = URI.create(uri.address());
            if (!"amqp".equals(parsed.getScheme()) && !"amqps".equals(parsed.getScheme()) || parsed.getHost() == null) {
                throw new IllegalArgumentException("not amqp");
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("'" + options.uri + "' is not an AMQP URI: write amqp://HOST:5672/VHOST (or "
                    + "amqps:// for TLS; %2F is the default vhost /).");
        }
        Map<String, String> properties = new HashMap<>();
        if (options.managementUrl != null) {
            AmqpAddress management = AmqpAddress.split(options.managementUrl);
            refusePassword(management, "--management-url");
            properties.put("management.url", management.address());
        }
        var profile = ConnectionProfile.rabbitMq(uri.address(), uri.address()).withUsername(uri.user())
                .withProperties(properties);
        if (uri.user().isEmpty()) {
            return new Target(profile, Credentials.NONE); // the connector's default, guest
        }
        return new Target(profile, new Credentials(uri.user(), password("", profile, environment)));
    }

    private static void refusePassword(AmqpAddress address, String option) {
        if (!address.password().isEmpty()) {
            throw new UsageException(option + " holds a password: leave it out (it would stay in the shell history "
                    + "and the process list) and set " + PASSWORD_VARIABLE + ", or let flowdeck ask for it.");
        }
    }

    private static Target saved(String name, CliEnvironment environment) {
        Path directory = environment.configDirectory().get();
        List<ConnectionProfile> profiles;
        try {
            profiles = new ProfileRepository(directory, new SessionSecretStore()).list();
        } catch (UncheckedIOException unreadable) {
            throw new UsageException(unreadable.getMessage());
        }
        ConnectionProfile profile = find(name, profiles, directory);
        boolean hasSecrets = !profile.username().isEmpty()
                || profile.clientProperties().containsValue(SecretProperties.IN_KEYCHAIN)
                || profile.masking().hashes();
        SecretStore store = hasSecrets ? environment.secretStores().apply(directory) : new SessionSecretStore();
        try {
            var repository = new ProfileRepository(directory, store);
            ProfileRepository.Resolved resolved = repository.resolve(profile);
            HashKey hashKey = profile.masking().hashes() ? repository.maskingKey(profile) : null;
            Credentials credentials = profile.username().isEmpty() ? Credentials.NONE
                    : new Credentials(profile.username(),
                            password(resolved.credentials().password(), profile, environment));
            return new Target(resolved.profile(), credentials, hashKey);
        } finally {
            if (store instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // a keychain's D-Bus connection that does not close cleanly changes nothing here
                }
            }
        }
    }

    private static ConnectionProfile find(String name, List<ConnectionProfile> profiles, Path directory) {
        for (ConnectionProfile profile : profiles) {
            if (profile.name().equals(name)) {
                return profile;
            }
        }
        List<ConnectionProfile> loose = profiles.stream().filter(p -> p.name().equalsIgnoreCase(name)).toList();
        if (loose.size() == 1) {
            return loose.getFirst();
        }
        if (profiles.isEmpty()) {
            throw new UsageException("No profile '" + name + "': no profiles are saved in " + directory
                    + ". Save one in the app, or use --bootstrap-server or --amqp-uri.");
        }
        throw new UsageException("No profile '" + name + "' in " + directory + ". Saved profiles: "
                + profiles.stream().map(p -> "'" + p.name() + "'").collect(Collectors.joining(", ")) + ".");
    }

    /** The saved password; else the environment variable; else the terminal asks; else none. */
    private static String password(String saved, ConnectionProfile profile, CliEnvironment environment) {
        if (!saved.isEmpty()) {
            return saved;
        }
        String variable = environment.variable(PASSWORD_VARIABLE);
        if (variable != null && !variable.isEmpty()) {
            return variable;
        }
        String where = profile.kind() == BrokerKind.KAFKA ? profile.address() : AmqpAddress.masked(profile.address());
        return environment.prompt().ask("Password for " + profile.username() + " at " + where + ": ")
                .map(typed -> {
                    String password = new String(typed);
                    Arrays.fill(typed, '\0');
                    return password;
                })
                .orElse("");
    }
}
