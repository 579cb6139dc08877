package dev.flowdeck.connectors.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The promise that matters most for a queue browse: an app killed mid-browse loses no message. */
class KilledBrowseIT {

    @Test
    void killingTheAppWhileItHoldsMessagesPutsThemAllBack() throws Exception {
        String queue = "killed-" + UUID.randomUUID().toString().substring(0, 8);
        try (Channel channel = TestRabbit.channel()) {
            channel.queueDeclare(queue, true, false, false, null);
            for (int i = 0; i < 400; i++) {
                channel.basicPublish("", queue, null, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            await().until(() -> channel.queueDeclarePassive(queue).getMessageCount() == 400);

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process app = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    HoldingBrowser.class.getName(), Integer.toString(TestRabbit.node().amqpPort()),
                    TestRabbit.node().managementUri(), queue)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (var output = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                do {
                    line = output.readLine();
                } while (line != null && !line.startsWith("HOLDING"));
                assertThat(line).as("the browser got its first batch").isEqualTo("HOLDING 200");
            }
            assertThat(channel.queueDeclarePassive(queue).getMessageCount()).as("held by the browser").isEqualTo(200);

            app.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, no goodbye

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> channel.queueDeclarePassive(queue).getMessageCount() == 400);
        }
    }
}
