package dev.flowdeck.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming read of a field path finds exactly what Jayway finds on a Jackson tree, whatever the document. */
class JsonFieldPathTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Configuration JACKSON = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();

    private static final List<String> PATHS = List.of("$.amount", "$.customer.email", "$.customer", "$.retry",
            "$.retry.x", "$.items", "$.nothing.deeper", "$['a.b']", "$[\"x\"].y", "$.x.y", "$.dup", "$.dup.inner",
            "$.text", "$['a']['b']");

    private static final List<String> DOCUMENTS = List.of(
            """
            {"orderId":"ord-1","amount":149.90,"currency":"EUR","status":"FAILED","tags":["vip","eu"],
             "customer":{"email":"ada@example.com","name":"Zoë"},"retry":null,"items":[{"sku":"SKU-1","qty":2}]}""",
            "{\"dup\":1,\"dup\":2}",
            "{\"dup\":{\"inner\":1},\"dup\":{\"other\":2}}",
            "{\"dup\":{\"inner\":1},\"dup\":{\"inner\":[3]}}",
            "[{\"amount\":1}]",
            "42",
            "\"text\"",
            "null",
            "",
            "   ",
            "{\"amount\": 12",
            "{\"amount\":995} trailing",
            "{\"amount\":995}{\"amount\":1}",
            "{amount: 1}",
            "{\"amount\": 123456789012345678901234567890, \"text\": \"é\\u00e9\\n\"}",
            "{\"amount\": 1e400}",
            "{\"amount\": -0.0}",
            "{\"a.b\": 5, \"a\": {\"b\": 6}}",
            "{\"x\":{\"y\":true},\"amount\":[1,2,{\"z\":null}]}",
            "{\"x\":null}",
            "{\"customer\":{\"email\":{\"deep\":[1,{\"a\":2}]}}}",
            "{\"amount\":1,}",
            "{\"amount\":1 \"b\":2}");

    @Test
    void findsWhatJaywayFindsOnATree() throws IOException {
        List<String> compared = new ArrayList<>();
        for (String path : PATHS) {
            var streaming = JsonFieldPath.of(JsonPath.compile(path), JSON).orElseThrow();
            for (String document : DOCUMENTS) {
                byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
                assertThat(streaming.find(bytes)).as("%s in %s", path, document).isEqualTo(onATree(path, bytes));
                compared.add(path);
            }
        }
        assertThat(compared).hasSize(PATHS.size() * DOCUMENTS.size());
    }

    @Test
    void aDocumentThatIsNotUtf8FindsNothing() throws IOException {
        byte[] bytes = {'{', '"', 's', '"', ':', '"', (byte) 0xC3, 0x28, '"', ',', '"', 'a', '"', ':', '1', '}'};
        var streaming = JsonFieldPath.of(JsonPath.compile("$.a"), JSON).orElseThrow();

        assertThat(onATree("$.a", bytes)).isNull();
        assertThat(streaming.find(bytes)).isNull();
    }

    @Test
    void leavesEveryOtherPathToJayway() {
        for (String path : List.of("$..email", "$.items[0].sku", "$.items[*].qty", "$", "$['a','b']", "$.a[-1]",
                "$.items[?(@.qty > 1)]", "$['it\\'s']")) {
            assertThat(JsonFieldPath.of(JsonPath.compile(path), JSON)).as(path).isEmpty();
        }
    }

    /** What the predicate found before streaming: the whole document as a tree, then Jayway. */
    private static JsonNode onATree(String path, byte[] bytes) throws IOException {
        JsonNode document;
        try {
            document = bytes.length == 0 ? null : JSON.readTree(bytes);
        } catch (IOException notJson) {
            return null;
        }
        if (document == null) {
            return null;
        }
        JsonNode found = JsonPath.compile(path).read(document, JACKSON);
        return found == null || found.isMissingNode() ? null : found;
    }

    @Test
    void findFirstStopsAtTheFirstOccurrenceAndReadsNoFurther() {
        JsonFieldPath orderId = JsonFieldPath.parse("$.orderId").orElseThrow();
        byte[] repeated = "{\"orderId\":\"ord-1\",\"orderId\":\"ord-2\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(orderId.findFirst(repeated).asText()).isEqualTo("ord-1");
        assertThat(orderId.find(repeated).asText()).as("the whole-document reading: last wins").isEqualTo("ord-2");

        byte[] brokenTail = "{\"orderId\":\"ord-1\",\"amount\":".getBytes(StandardCharsets.UTF_8);
        assertThat(orderId.findFirst(brokenTail).asText()).isEqualTo("ord-1");
        assertThat(orderId.find(brokenTail)).as("not JSON as a whole").isNull();

        JsonFieldPath nested = JsonFieldPath.parse("$.order.id").orElseThrow();
        byte[] laterMatch = "{\"order\":{\"x\":1},\"order\":{\"id\":7}}".getBytes(StandardCharsets.UTF_8);
        assertThat(nested.findFirst(laterMatch).asInt()).as("an occurrence without the rest of the path is passed")
                .isEqualTo(7);
        assertThat(orderId.findFirst("not json".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void aNameSpelledWithEscapesIsStillTheName() {
        // "\u0061mount" is "amount" to any JSON reader: the walk must not pass over it as another name.
        byte[] escaped = "{\"\\u0061mount\":995,\"x\":1}".getBytes(StandardCharsets.UTF_8);
        JsonFieldPath amount = JsonFieldPath.parse("$.amount").orElseThrow();
        assertThat(amount.findFirst(escaped).asInt()).isEqualTo(995);
        assertThat(amount.find(escaped).asInt()).isEqualTo(995);
        byte[] nested = "{\"customer\":{\"t\\u0069er\":\"gold\"}}".getBytes(StandardCharsets.UTF_8);
        assertThat(JsonFieldPath.parse("$.customer.tier").orElseThrow().findFirst(nested).asText())
                .isEqualTo("gold");
    }
}
