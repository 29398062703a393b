package dev.netwright.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

import static dev.netwright.api.ApiTestSupport.awaitEnd;
import static dev.netwright.api.ApiTestSupport.createProject;
import static dev.netwright.api.ApiTestSupport.saveVersion;
import static dev.netwright.api.ApiTestSupport.startRun;
import static dev.netwright.api.ApiTestSupport.templateGraph;
import static dev.netwright.api.ApiTestSupport.xorRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class RunSocketTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/ws/runs/")
    URI base;

    @ClientEndpoint
    public static class Client {
        final LinkedBlockingDeque<String> messages = new LinkedBlockingDeque<>();

        @OnMessage
        public void message(String m) {
            messages.add(m);
        }
    }

    /** Reads events until the terminal status event; returns them all. */
    private static List<JsonNode> readUntilEnd(Client c) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        while (true) {
            String m = c.messages.poll(60, TimeUnit.SECONDS);
            assertNotNull(m, "no event within 60 s; got " + events.size());
            JsonNode e = JSON.readTree(m);
            events.add(e);
            if ("status".equals(e.path("type").asText()) && List.of("FINISHED", "FAILED", "STOPPED").contains(e.path("status").asText())) {
                return events;
            }
        }
    }

    private URI socket(long run) {
        return URI.create(base.toString().replace("http", "ws") + run);
    }

    @Test
    void liveEventsOfARealRunThenLateSubscriberGetsTheHistory() throws Exception {
        long version = saveVersion(createProject("Socket"), templateGraph("xor"));
        Map<String, Object> body = new HashMap<>(xorRun(version));
        body.put("epochs", 2000);
        long run = startRun(body);
        Client live = new Client();
        try (Session s = ContainerProvider.getWebSocketContainer().connectToServer(live, socket(run))) {
            List<JsonNode> events = readUntilEnd(live);
            List<JsonNode> metrics = events.stream().filter(e -> "metric".equals(e.path("type").asText())).toList();
            assertEquals(2000, metrics.size(), "one metric event per epoch");
            for (int i = 0; i < metrics.size(); i++) assertEquals(i + 1, metrics.get(i).path("epoch").asInt(), "in order, no gaps");
            JsonNode last = events.getLast();
            assertEquals("FINISHED", last.path("status").asText());
            assertTrue(metrics.getLast().path("accuracy").asDouble() == 1.0);
            assertTrue(metrics.getFirst().has("samplesPerSec") && metrics.getFirst().has("elapsedMs") && metrics.getFirst().has("learningRate"));
        }
        assertEquals("FINISHED", awaitEnd(run, 10));

        Client late = new Client();
        try (Session s = ContainerProvider.getWebSocketContainer().connectToServer(late, socket(run))) {
            List<JsonNode> replay = readUntilEnd(late);
            assertEquals(2000, replay.stream().filter(e -> "metric".equals(e.path("type").asText())).count());
            assertEquals("FINISHED", replay.getLast().path("status").asText());
        }
    }
}
