package dev.flowdeck.core.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.deadletter.HeaderMapping.Field;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderMappingTest {

    @Test
    void aMappingIsKeptAsProfilePropertiesAndReadBack() {
        var mapping = new HeaderMapping(Map.of(Field.ORIGIN, "src-topic", Field.EXCEPTION_CLASS, "error-type",
                Field.COUNT, "attempts"));

        Map<String, String> properties = mapping.toProperties();

        assertThat(properties).containsExactlyInAnyOrderEntriesOf(Map.of(
                "flowdeck.dead-letter.header.origin", "src-topic",
                "flowdeck.dead-letter.header.exception-class", "error-type",
                "flowdeck.dead-letter.header.count", "attempts"));
        assertThat(HeaderMapping.fromProperties(properties)).isEqualTo(mapping);
        var profile = ConnectionProfile.kafka("prod", "k:9092")
                .withProperties(mapping.replaceIn(Map.of("security.protocol", "SSL",
                        "flowdeck.dead-letter.header.reason", "old-reason")));
        assertThat(profile.clientProperties()).containsEntry("security.protocol", "SSL")
                .doesNotContainKey("flowdeck.dead-letter.header.reason");
        assertThat(DeadLetterDecoder.forProfile(profile)).isNotNull();
        assertThat(HeaderMapping.fromProperties(profile.clientProperties())).isEqualTo(mapping);
    }

    @Test
    void unknownFieldsAndBlankHeadersArePassedOverAndNamedAsProblems() {
        Map<String, String> properties = Map.of(
                "flowdeck.dead-letter.header.origin", "src",
                "flowdeck.dead-letter.header.orign", "typo",
                "flowdeck.dead-letter.header.reason", " ",
                "bootstrap.servers", "x");

        assertThat(HeaderMapping.fromProperties(properties).headers()).containsExactly(Map.entry(Field.ORIGIN, "src"));
        assertThat(HeaderMapping.problems(properties)).hasSize(2)
                .anySatisfy(problem -> assertThat(problem).startsWith("'orign' is not a dead-letter field"))
                .anySatisfy(problem -> assertThat(problem).isEqualTo("the header for 'reason' is blank"));
        assertThat(HeaderMapping.fromProperties(Map.of()).isEmpty()).isTrue();
    }
}
