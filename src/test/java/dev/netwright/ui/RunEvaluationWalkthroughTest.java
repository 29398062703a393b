package dev.netwright.ui;

import com.microsoft.playwright.Locator;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.netwright.ui.Chromium.screenshotFullPage;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A finished classifier run in the browser: the validation evaluation with its confusion matrix and per-class
 * table, the bias/variance badge, and the test-split button explaining why a 70/30 split has nothing to test.
 */
@QuarkusTest
class RunEvaluationWalkthroughTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URL base;

    @Test
    void finishedRunShowsEvaluationAndDiagnosis() throws Exception {
        long project = given().contentType(ContentType.JSON).body(Map.of("name", "Evaluation walkthrough"))
                .post("/api/projects").then().statusCode(201).extract().jsonPath().getLong("id");
        String graph = given().get("/api/templates/blobs").then().statusCode(200).extract().asString();
        long version = given().contentType(ContentType.JSON).body(graph).post("/api/projects/" + project + "/models")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long run = given().contentType(ContentType.JSON).body(Map.of("modelVersionId", version, "datasetId", "blobs",
                        "optimizer", "adam", "learningRate", 0.01, "epochs", 15, "batchSize", 32, "seed", 1))
                .post("/api/runs").then().statusCode(201).extract().jsonPath().getLong("id");
        long deadline = System.currentTimeMillis() + 60_000;
        String status;
        do {
            Thread.sleep(100);
            status = given().get("/api/runs/" + run).then().extract().jsonPath().getString("status");
        } while (List.of("QUEUED", "RUNNING").contains(status) && System.currentTimeMillis() < deadline);
        assertEquals("FINISHED", status);

        chromium.walk("run-evaluation", 1440, 900, page -> {
            page.navigate(base + "runs/" + run);
            Locator evaluation = page.locator(".nw-evaluation");
            assertThat(evaluation).containsText("Validation · 180 samples");
            Locator matrix = evaluation.locator(".nw-confusion table tr");
            assertThat(matrix).hasCount(5);
            assertThat(evaluation.locator(".nw-per-class table tr")).hasCount(5);
            assertThat(page.locator(".nw-diagnosis")).hasText(Pattern.compile("bias|variance"));
            assertThat(page.getByText("Pause")).hasCount(0);
            assertThat(page.locator(".nw-layer-stats .nw-per-class:not(.nw-activation-stats) table tr")).hasCount(5);
            assertThat(page.locator(".nw-activation-stats")).containsText("hidden");
            assertThat(page.locator(".nw-layer-stats")).containsText("hidden.weight");
            page.getByText("Evaluate on the test split").click();
            assertThat(evaluation.locator("[role=alert]")).containsText("60/20/20");
            screenshotFullPage(page, "run-evaluation.png");
        });
    }
}
