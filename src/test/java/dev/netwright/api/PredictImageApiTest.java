package dev.netwright.api;

import dev.netwright.serving.ImageInput;
import dev.netwright.serving.ProtoModels;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A picture posted to an image model is preprocessed as the try-it form does, and predicts as the same tensor does. */
@QuarkusTest
class PredictImageApiTest {
    private static long upload(Path onnx) throws Exception {
        return given().contentType("application/octet-stream").body(Files.readAllBytes(onnx)).queryParam("name", onnx.getFileName().toString())
                .post("/api/models").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A dark 2 (pen strokes) on white paper, 140×140 pixels. */
    private static byte[] picture() throws Exception {
        BufferedImage img = new BufferedImage(140, 140, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 140, 140);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(12));
        g.drawArc(35, 20, 70, 60, 0, 180);
        g.drawLine(105, 50, 35, 120);
        g.drawLine(35, 120, 110, 120);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        return png.toByteArray();
    }

    @Test
    void pictureThroughAnImageModel() throws Exception {
        Path lenet = ProtoModels.samplesDir().resolve("lenet.onnx");
        assumeTrue(Files.isRegularFile(lenet), "the PyTorch samples are not at " + ProtoModels.samplesDir());
        long id = upload(lenet);
        byte[] png = picture();
        JsonPath out = given().contentType("image/png").body(png).post("/api/models/" + id + "/predict-image")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(1, 10), out.getList("outputs.output.shape", Integer.class));
        List<Float> fromPicture = out.getList("outputs.output.data", Float.class);

        // the same pixels as a named tensor give the same outputs
        double[] pixels = ImageInput.read(png, 28, true);
        List<Float> fromTensor = given().contentType(ContentType.JSON)
                .body(Map.of("inputs", Map.of("input", Map.of("shape", List.of(1, 1, 28, 28), "data", Arrays.stream(pixels).boxed().toList()))))
                .post("/api/models/" + id + "/predict").then().statusCode(200).extract().jsonPath().getList("outputs.output.data", Float.class);
        assertEquals(fromTensor, fromPicture);

        given().contentType("image/png").body("not a picture".getBytes()).post("/api/models/" + id + "/predict-image")
                .then().statusCode(400).body("message", containsString("PNG, JPEG, GIF or BMP"));
        long mlp = upload(ProtoModels.samplesDir().resolve("mlp.onnx"));
        given().contentType("image/png").body(png).post("/api/models/" + mlp + "/predict-image")
                .then().statusCode(400).body("message", containsString("not a grey square image"));
        given().contentType("image/png").body(png).post("/api/models/999999/predict-image").then().statusCode(404);
    }
}
