package dev.netwright.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.netwright.api.ApiTestSupport.createProject;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;

/** An upload over {@code netwright.data.max-upload-size} is refused with a message, and nothing is stored. */
@QuarkusTest
@TestProfile(UploadLimitTest.SmallLimit.class)
class UploadLimitTest {
    public static class SmallLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("netwright.data.max-upload-size", "64K");
        }
    }

    @TempDir
    Path dir;

    @Test
    void oversizedUploadIs413WithTheLimit() throws IOException {
        long project = createProject("Limits");
        Path big = dir.resolve("big.csv");
        StringBuilder b = new StringBuilder("x,y\n");
        while (b.length() < 100_000) b.append("1.0,0\n");
        Files.writeString(big, b);
        given().multiPart("file", big.toFile()).post("/api/projects/" + project + "/datasets").then().statusCode(413)
                .body("message", containsString("64.0 KiB")).body("message", containsString("netwright.data.max-upload-size"));
        given().get("/api/projects/" + project + "/datasets").then().statusCode(200).body("", hasSize(0));

        Path small = dir.resolve("small.csv");
        Files.writeString(small, "x,y\n1,0\n2,1\n3,0\n4,1\n");
        given().multiPart("file", small.toFile()).post("/api/projects/" + project + "/datasets").then().statusCode(201);
    }
}
