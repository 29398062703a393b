package dev.netwright.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;

@QuarkusTest
class OptimizerApiTest {
    @Test
    void listsOptimizersWithTheirSettings() {
        given().get("/api/optimizers").then().statusCode(200)
                .body("name", hasItems("sgd", "momentum", "adam", "rprop", "quickprop", "delta_bar_delta"))
                .body("find { it.name == 'adam' }.defaults.beta2", equalTo(0.999f));
    }

    @Test
    void trajectoryOnTheBowl() {
        given().contentType(ContentType.JSON).body(Map.of("optimizer", "momentum", "learningRate", 0.02, "steps", 300))
                .post("/api/optimizers/trajectory").then().statusCode(200)
                .body("points", hasSize(301)).body("points[0].w1", equalTo(-1.5f)).body("points[0].f", equalTo(7.25f))
                .body("points[300].f", lessThan(1e-3f)).body("converged", equalTo(true)).body("diverged", equalTo(false));
        given().contentType(ContentType.JSON).body(Map.of("optimizer", "sgd", "learningRate", 0.3, "steps", 5000))
                .post("/api/optimizers/trajectory").then().statusCode(200).body("diverged", equalTo(true)).body("converged", equalTo(false));
        given().contentType(ContentType.JSON).body(Map.of("optimizer", "adam", "options", Map.of("momentum", 0.9)))
                .post("/api/optimizers/trajectory").then().statusCode(400).body("message", containsString("not a setting of adam"));
        given().contentType(ContentType.JSON).body(Map.of("optimizer", "lbfgs"))
                .post("/api/optimizers/trajectory").then().statusCode(400).body("message", containsString("optimizer must be one of"));
    }
}
