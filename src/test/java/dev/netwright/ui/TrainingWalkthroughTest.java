package dev.netwright.ui;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The training form's advanced settings and previews, a k-fold cross-validation started from the editor and read as
 * mean ± std, and a stopped run resumed from its checkpoint on the run page.
 */
@QuarkusTest
class TrainingWalkthroughTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URL base;

    @Test
    void crossValidationFromTheEditorWithPreviews() throws Exception {
        chromium.walk("cross-validation", 1440, 1000, page -> {
            page.navigate(base.toString());
            page.getByLabel("Project name").fill("Cross-validation walkthrough");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create project")).click();
            page.waitForURL(Pattern.compile(".*/projects/\\d+$"));
            page.locator("vaadin-select").filter(new Locator.FilterOptions().setHasText("Start from")).click();
            page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Blobs classifier").setExact(true)).click();
            page.getByLabel("Epochs", new Page.GetByLabelOptions().setExact(true)).fill("5");

            // previews: the schedule's learning rate per epoch and the optimizer's path on the bowl
            page.getByText("Learning rate per epoch").click();
            assertThat(page.locator(".nw-schedule-preview")).hasAttribute("data-kind", "line");
            page.getByText("This optimizer on the bowl").click();
            assertThat(page.locator(".nw-bowl")).hasAttribute("data-kind", "paths");
            assertThat(page.locator(".nw-bowl")).hasAttribute("data-count", "101");
            assertThat(page.locator(".nw-bowl-details")).containsText("ends at");

            // advanced: the optimizer's own settings, then 3 folds
            page.getByText("Advanced settings").click();
            assertThat(page.locator("[data-setting=beta1]")).isVisible();
            page.getByLabel("Cross-validation folds (k)").fill("3");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Train").setExact(true)).click();
            page.waitForURL(Pattern.compile(".*/experiments/\\d+$"));
            assertThat(page.locator(".nw-experiment-summary .nw-status")).hasText("FINISHED",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(90_000));
            assertThat(page.locator(".nw-experiment-summary")).containsText("±");
            assertThat(page.locator(".nw-experiment-summary")).containsText("3 folds");
            assertThat(page.locator("vaadin-grid")).containsText("fold 3");
            screenshotFullPage(page, "cross-validation.png");
        });
    }

    @Test
    void stoppedRunResumesFromTheRunPage() throws Exception {
        long project = given().contentType(ContentType.JSON).body(Map.of("name", "Resume walkthrough"))
                .post("/api/projects").then().statusCode(201).extract().jsonPath().getLong("id");
        String graph = given().get("/api/templates/blobs").then().statusCode(200).extract().asString();
        long version = given().contentType(ContentType.JSON).body(graph).post("/api/projects/" + project + "/models")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long run = given().contentType(ContentType.JSON).body(Map.of("modelVersionId", version, "datasetId", "blobs",
                        "optimizer", "adam", "learningRate", 0.01, "epochs", 400, "batchSize", 8, "seed", 1, "diagnosticsEvery", 50))
                .post("/api/runs").then().statusCode(201).extract().jsonPath().getLong("id");
        long deadline = System.currentTimeMillis() + 30_000;
        while (!"RUNNING".equals(given().get("/api/runs/" + run).then().extract().jsonPath().getString("status"))) {
            assertTrue(System.currentTimeMillis() < deadline, "run did not start");
            Thread.sleep(5);
        }
        Thread.sleep(50);
        given().post("/api/runs/" + run + "/stop").then().statusCode(200);
        String status;
        do {
            Thread.sleep(50);
            status = given().get("/api/runs/" + run).then().extract().jsonPath().getString("status");
        } while (List.of("QUEUED", "RUNNING").contains(status));
        assertEquals("STOPPED", status);

        chromium.walk("resume", 1440, 1000, page -> {
            page.navigate(base + "runs/" + run);
            Locator resume = page.locator(".nw-resume-button");
            assertThat(resume).containsText("Resume from the checkpoint (epoch");
            resume.click();
            assertThat(page.locator(".nw-status")).hasText("FINISHED",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(90_000));
            assertThat(page.locator(".nw-result-note").filter(new Locator.FilterOptions().setHasText("Resumed from the checkpoint"))).hasCount(1);
            assertThat(page.locator(".nw-run-numbers")).containsText("epoch 400");
            assertThat(page.locator(".nw-activation-stats")).containsText("hidden");
            assertThat(page.locator(".nw-activation-stats .nw-histogram").first()).isVisible();
            screenshotFullPage(page, "resume.png");
        });
    }
}
