package dev.flowdeck.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * The versions the About dialog lists, read at run time from what is actually loaded (the jars' own version
 * resources, the running JVM and JavaFX toolkit), never written into the code: a packaged app that ships another
 * kafka-clients than the build expected says so.
 */
public final class ComponentVersions {

    /** One line of the About dialog. */
    public record Component(String name, String version) {
    }

    static final String UNKNOWN = "(unknown)";
    static final String KAFKA_RESOURCE = "/kafka/kafka-version.properties";
    static final String AMQP_RESOURCE = "/META-INF/maven/com.rabbitmq/amqp-client/pom.properties";

    private ComponentVersions() {
    }

    /** What this JVM runs. JavaFX's version is known once its toolkit started (the About dialog is after that). */
    public static List<Component> ofThisProcess() {
        return read(FlowdeckApp.class.getPackage().getImplementationVersion(), Runtime.version() + " ("
                        + System.getProperty("java.vm.vendor", "unknown vendor") + ")",
                System.getProperty("javafx.runtime.version"), ComponentVersions.class::getResourceAsStream);
    }

    /**
     * @param flowdeck  the app jar's Implementation-Version; null when run from classes (development)
     * @param javafx    JavaFX's {@code javafx.runtime.version}; null before its toolkit started
     * @param resources opens a class-path resource by absolute name, null when absent
     */
    static List<Component> read(String flowdeck, String java, String javafx,
                                Function<String, InputStream> resources) {
        return List.of(
                new Component("Flowdeck", Optional.ofNullable(flowdeck).orElse("(development)")),
                new Component("Java", java),
                new Component("JavaFX", Optional.ofNullable(javafx).orElse(UNKNOWN)),
                new Component("kafka-clients", property(resources, KAFKA_RESOURCE, "version")),
                new Component("amqp-client", property(resources, AMQP_RESOURCE, "version")));
    }

    private static String property(Function<String, InputStream> resources, String resource, String key) {
        var properties = new Properties();
        try (InputStream in = resources.apply(resource)) {
            if (in == null) {
                return UNKNOWN;
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
        return properties.getProperty(key, UNKNOWN).strip();
    }

    /** For the smoke test's line and the log: {@code Flowdeck 0.1.0, Java 25.0.3 (...), ...}. */
    static String oneLine(List<Component> components) {
        return String.join(", ", components.stream().map(c -> c.name() + " " + c.version()).toList());
    }

    static Map<String, String> asMap(List<Component> components) {
        var map = new java.util.LinkedHashMap<String, String>();
        components.forEach(c -> map.put(c.name(), c.version()));
        return map;
    }
}
