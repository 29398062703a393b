package dev.netwright.datasets;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Fashion-MNIST from Debian's dataset-fashion-mnist package is offered like a built-in data set (.ci/run installs it). */
@QuarkusTest
class SampleDatasetsTest {
    private static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");

    @Test
    void fashionMnistIsReadyWithItsOwnTestPart() {
        assumeTrue(Files.isReadable(DIR.resolve("train-images-idx3-ubyte.gz")), "dataset-fashion-mnist is not installed");
        given().get("/api/datasets").then().statusCode(200).body("id", hasItem("fashion-mnist"));
        given().get("/api/datasets/fashion-mnist").then().statusCode(200)
                .body("size", equalTo(70_000)).body("featureShape", equalTo(java.util.List.of(1, 28, 28)))
                .body("classes[9]", equalTo("Ankle boot")).body("split.sourceTest", equalTo(true))
                .body("split.train", equalTo(54_000)).body("split.validation", equalTo(6_000)).body("split.test", equalTo(10_000));
        given().delete("/api/datasets/fashion-mnist").then().statusCode(400);
    }
}
