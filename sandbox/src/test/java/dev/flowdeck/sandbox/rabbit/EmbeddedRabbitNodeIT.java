package dev.flowdeck.sandbox.rabbit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EmbeddedRabbitNodeIT {

    @Test
    void startsAPrivateNodeAndLeavesNothingBehind() throws Exception {
        EmbeddedRabbitNode node = EmbeddedRabbitNode.start();
        try {
            String auth = Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));
            var response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(node.managementUri() + "overview"))
                            .header("Authorization", "Basic " + auth).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"node\":\"" + node.nodeName() + "\"");
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", node.amqpPort()), 2_000);
            }
        } finally {
            node.close();
        }

        assertThat(node.isRunning()).isFalse();
        assertThat(node.dataDir()).doesNotExist();
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(node.nodeName())))
                .as("no process of the node survives").isEmpty();
    }
}
