package dev.netwright.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.netwright.persistence.JsonColumns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jobs of an earlier server run are read back from their files; ids that are not job ids find nothing. */
class BatchPredictionServiceTest {
    @TempDir
    Path home;

    private final JsonColumns json = new JsonColumns(new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));

    @Test
    void jobsOfAnEarlierRunAreReadFromTheirFiles() throws Exception {
        BatchPredictionService service = new BatchPredictionService(null, null, null, json, home, 1);
        try {
            Path dir = Files.createDirectories(home.resolve("predictions"));
            Instant t = Instant.parse("2026-12-01T10:00:00Z");
            String finished = "0123456789abcdef0123456789abcdef";
            Files.writeString(dir.resolve(finished + ".json"), json.write(new BatchJobView(finished, 3, "xor", "all", BatchStatus.FINISHED,
                    4, 4, null, t, t, t)));
            Files.writeString(dir.resolve(finished + ".csv"), "index,target,output\n");
            String running = "fedcba9876543210fedcba9876543210";
            Files.writeString(dir.resolve(running + ".json"), json.write(new BatchJobView(running, 3, "xor", "test", BatchStatus.RUNNING,
                    1, 4, null, t, t, null)));

            BatchJobView done = service.find(finished).orElseThrow();
            assertEquals(BatchStatus.FINISHED, done.status());
            assertEquals(t, done.createdAt());
            assertEquals(dir.resolve(finished + ".csv"), service.results(finished).orElseThrow());

            BatchJobView cut = service.find(running).orElseThrow();
            assertEquals(BatchStatus.FAILED, cut.status());
            assertEquals("The server stopped while the job was running; start it again", cut.error());
            assertEquals(1, cut.done());
            assertTrue(service.results(running).isEmpty());

            for (String id : new String[]{"0123456789abcdef0123456789abcde0", "../predictions/" + finished, finished.toUpperCase(), "", null}) {
                assertTrue(service.find(id).isEmpty(), String.valueOf(id));
            }
        } finally {
            service.shutdown();
        }
    }
}
