package dev.flowdeck.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A schema registry through the Confluent-compatible REST API, which Confluent Schema Registry, Redpanda, Karapace
 * and Apicurio's compatibility API ({@code /apis/ccompat/v7}) all speak: {@code GET /schemas/ids/{id}},
 * {@code GET /schemas/ids/{id}/versions}, {@code GET /subjects/{subject}/versions} and
 * {@code GET /subjects/{subject}/versions/{version}}. Basic authentication where the profile names a user.
 *
 * <p>Every call blocks its caller for at most {@link #TIMEOUT}: callers are a browse's filter pool (once per schema
 * id, see {@link SchemaCache}) or a background task, never the FX thread.
 */
public final class SchemaRegistryClient {

    static final Duration TIMEOUT = Duration.ofSeconds(8);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json, application/json";

    private final URI base;
    private final String authorization;
    private final HttpClient http;

    /**
     * @param baseUrl  the registry's base URL, such as {@code http://registry:8081} or
     *                 {@code http://apicurio:8080/apis/ccompat/v7}
     * @param username empty for none
     * @param password the user's password (from the keychain, in memory only)
     */
    public SchemaRegistryClient(String baseUrl, String username, String password) {
        String trimmed = baseUrl.strip();
        this.base = URI.create(trimmed.endsWith("/") ? trimmed : trimmed + "/");
        this.authorization = username.isEmpty() ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        // HttpClient's own threads are daemons and end with it; one client per registry.
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public String baseUrl() {
        return base.toString();
    }

    /** The schema of that id, with where it is filed and, for Protobuf, its descriptor where the registry has one. */
    public RegisteredSchema schema(int id) {
        JsonNode found = get("schemas/ids/" + id, "schema id " + id);
        String type = found.path("schemaType").asText("AVRO").toUpperCase(Locale.ROOT);
        String text = found.path("schema").asText();
        List<RegisteredSchema.SubjectVersion> subjects = subjectsOf(id);
        byte[] descriptor = null;
        if (type.equals("PROTOBUF")) {
            descriptor = serializedDescriptor("schemas/ids/" + id, "schema id " + id);
        }
        return new RegisteredSchema(id, type, text, subjects, descriptor, references(found));
    }

    /** The versions a subject has, oldest first. */
    public List<Integer> versions(String subject) {
        JsonNode found = get("subjects/" + encoded(subject) + "/versions", "subject " + subject);
        List<Integer> versions = new ArrayList<>();
        found.forEach(version -> versions.add(version.asInt()));
        return versions;
    }

    /** One version of a subject ({@code latest} allowed as {@code -1}). */
    public RegisteredSchema version(String subject, int version) {
        return version(subject, version, false);
    }

    /**
     * One version of a subject, with its serialized descriptor where it is Protobuf and {@code withDescriptor}: what
     * a schema that imports it needs.
     */
    RegisteredSchema version(String subject, int version, boolean withDescriptor) {
        String which = version < 0 ? "latest" : Integer.toString(version);
        String path = "subjects/" + encoded(subject) + "/versions/" + which;
        String what = "subject " + subject + " v" + which;
        JsonNode found = get(path, what);
        int id = found.path("id").asInt();
        String type = found.path("schemaType").asText("AVRO").toUpperCase(Locale.ROOT);
        byte[] descriptor = withDescriptor && type.equals("PROTOBUF") ? serializedDescriptor(path, what) : null;
        return new RegisteredSchema(id, type, found.path("schema").asText(),
                List.of(new RegisteredSchema.SubjectVersion(subject, found.path("version").asInt())), descriptor,
                references(found));
    }

    private static List<RegisteredSchema.Reference> references(JsonNode found) {
        List<RegisteredSchema.Reference> references = new ArrayList<>();
        for (JsonNode reference : found.path("references")) {
            references.add(new RegisteredSchema.Reference(reference.path("name").asText(),
                    reference.path("subject").asText(), reference.path("version").asInt(-1)));
        }
        return references;
    }

    /** Where the registry files a schema id: each subject and version holding it; empty where it does not say. */
    public List<RegisteredSchema.SubjectVersion> subjectsOf(int id) {
        try {
            List<RegisteredSchema.SubjectVersion> subjects = new ArrayList<>();
            for (JsonNode entry : get("schemas/ids/" + id + "/versions", "schema id " + id)) {
                subjects.add(new RegisteredSchema.SubjectVersion(entry.path("subject").asText(),
                        entry.path("version").asInt()));
            }
            return subjects;
        } catch (SchemaProblem olderRegistry) {
            return List.of(); // a registry without this call (older ones): the record is still readable
        }
    }

    /** Confluent serves a Protobuf schema as a base64 {@code FileDescriptorProto}; others ignore the parameter. */
    private byte[] serializedDescriptor(String path, String what) {
        try {
            JsonNode found = get(path + "?format=serialized", what);
            String text = found.path("schema").asText();
            if (text.contains("message ") || text.contains("syntax")) {
                return null; // .proto text again: this registry does not serialize
            }
            return Base64.getDecoder().decode(text.strip());
        } catch (SchemaProblem | IllegalArgumentException notServed) {
            return null;
        }
    }

    private JsonNode get(String path, String what) {
        URI uri = base.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", ACCEPT).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new SchemaProblem("The schema registry at " + base + " could not be reached (" + e.getClass()
                    .getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "): check its URL in "
                    + "the profile and that it runs.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaProblem("The schema lookup was interrupted.", e);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new SchemaProblem("The schema registry at " + base + " refused " + (authorization == null
                    ? "a request without credentials: give the profile's registry user and password."
                    : "the profile's registry credentials (HTTP " + status + "): check its user and password."));
        }
        if (status == 404) {
            throw new SchemaProblem("The schema registry at " + base + " has no " + what + registryMessage(response)
                    + ": the record was written against another registry, or the schema was deleted.");
        }
        if (status / 100 != 2) {
            throw new SchemaProblem("The schema registry at " + base + " answered HTTP " + status + " for " + what
                    + registryMessage(response) + ".");
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SchemaProblem("The schema registry at " + base + " answered " + what + " with something that "
                    + "is not JSON: is the URL the registry's API (Apicurio: .../apis/ccompat/v7)?", e);
        }
    }

    private static String registryMessage(HttpResponse<byte[]> response) {
        try {
            String message = JSON.readTree(response.body()).path("message").asText("");
            return message.isEmpty() ? "" : " (" + message + ")";
        } catch (IOException | RuntimeException notJson) {
            return "";
        }
    }

    private static String encoded(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
