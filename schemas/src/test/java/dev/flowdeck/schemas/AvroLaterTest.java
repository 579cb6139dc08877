package dev.flowdeck.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A checked value whose JSON cannot be made after all (the check and the reading disagree: a bug) never fails
 * whoever asked for its JSON: the JSON says so, and the log says it once per schema, for a bug report.
 */
class AvroLaterTest {

    @Test
    void aValueThatCannotBeReadAfterAllSaysSoInItsJsonAndOnceInTheLog() {
        int id = 90_001; // its own id: the log says each schema once per run
        Schema schema = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":"
                + "[{\"name\":\"s\",\"type\":\"string\"}]}");
        var reading = new AvroReading(new RegisteredSchema(id, "AVRO", schema.toString(), List.of(), null), schema,
                new AvroTranscoder(schema));
        byte[] cutShort = WireFrame.frame(id, new byte[] {20, 'a'}); // a string of 10 bytes, 1 there
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        var logger = (Logger) LoggerFactory.getLogger(AvroReading.class);
        logger.addAppender(appender);
        try {
            byte[] first = new AvroReading.Later(reading, cutShort, WireFrame.HEADER).json();
            byte[] second = new AvroReading.Later(reading, cutShort, WireFrame.HEADER).json();

            assertThat(new String(first, StandardCharsets.UTF_8)).startsWith("\"The value passed the check against "
                    + "Avro schema " + id + " but could not be read after all").endsWith("see its bytes.\"");
            assertThat(second).isEqualTo(first);
            assertThat(appender.list).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).contains("Avro schema " + id).contains("cut short");
            });
        } finally {
            logger.detachAppender(appender);
        }
    }
}
