package dev.netwright.api;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static dev.netwright.api.ApiTestSupport.awaitEnd;
import static dev.netwright.api.ApiTestSupport.createProject;
import static dev.netwright.api.ApiTestSupport.saveVersion;
import static dev.netwright.api.ApiTestSupport.startRun;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Upload, generate, preview, split and delete data sets over REST; train on an uploaded one. */
@QuarkusTest
class DatasetApiTest {
    @TempDir
    Path dir;

    /** 60 rows: two numeric features, one categorical (colour), three species; species follow the features. */
    private Path flowersCsv() throws IOException {
        StringBuilder b = new StringBuilder("length,width,colour,species\n");
        String[] species = {"setosa", "versicolor", "virginica"};
        String[] colours = {"red", "green", "blue"};
        for (int i = 0; i < 60; i++) {
            int c = i % 3;
            double length = 1 + 2 * c + (i % 7) * 0.1;
            double width = 10 - 3 * c + (i % 5) * 0.2;
            b.append(String.format(Locale.ROOT, "%.2f,%.2f,%s,%s%n", length, width, colours[(i / 3) % 3], species[c]));
        }
        Path p = dir.resolve("flowers.csv");
        Files.writeString(p, b.toString());
        return p;
    }

    private long upload(long project, Path file, Map<String, String> options) {
        var req = given().multiPart("file", file.toFile());
        for (var e : options.entrySet()) req = req.multiPart(e.getKey(), e.getValue());
        return Long.parseLong(req.post("/api/projects/" + project + "/datasets").then().statusCode(201)
                .header("Location", containsString("/api/datasets/")).extract().jsonPath().getString("id"));
    }

    @Test
    void csvUploadIsDescribedPreviewedSplitAndTrainable() throws Exception {
        long project = createProject("CSV data");
        long id = upload(project, flowersCsv(), Map.of("split", "60/20/20"));
        JsonPath d = given().get("/api/datasets/" + id).then().statusCode(200)
                .body("name", equalTo("flowers")).body("task", equalTo("MULTICLASS")).body("size", equalTo(60))
                .body("description", containsString("flowers.csv"))
                .body("featureShape", equalTo(List.of(5))).body("classes", equalTo(List.of("setosa", "versicolor", "virginica")))
                .body("classCounts", equalTo(List.of(20, 20, 20))).body("kind", equalTo("table"))
                .body("split.train", equalTo(36)).body("split.validation", equalTo(12)).body("split.test", equalTo(12))
                .body("split.trainClassCounts", equalTo(List.of(12, 12, 12)))
                .body("columns.find { it.name == 'colour' }.kind", equalTo("categorical"))
                .body("columns.find { it.name == 'colour' }.vocabulary", equalTo(List.of("blue", "green", "red")))
                .body("featureNames", hasItem("colour=red"))
                .body("sha256", notNullValue()).body("provenance.files[0].name", equalTo("flowers.csv"))
                .extract().jsonPath();
        assertEquals(64, d.getString("sha256").length());
        given().get("/api/projects/" + project + "/datasets").then().statusCode(200).body("id", hasItem(String.valueOf(id)));
        given().get("/api/datasets?projectId=" + project).then().statusCode(200)
                .body("id", hasItem("xor")).body("id", hasItem(String.valueOf(id)));

        given().get("/api/datasets/" + id + "/preview?limit=5").then().statusCode(200)
                .body("kind", equalTo("table")).body("rows", hasSize(5))
                .body("header", equalTo(List.of("length", "width", "colour=blue", "colour=green", "colour=red", "target")))
                .body("rows[0][0]", equalTo(1.0f)).body("rows[0][5]", equalTo("setosa"));

        given().contentType(ContentType.JSON).body(Map.of("preset", "70/30", "seed", 3)).put("/api/datasets/" + id + "/split")
                .then().statusCode(200).body("train", equalTo(42)).body("validation", equalTo(18)).body("test", equalTo(0));
        given().contentType(ContentType.JSON).body(Map.of("preset", "70/20")).put("/api/datasets/" + id + "/split")
                .then().statusCode(400).body("message", containsString("100"));
        given().get("/api/datasets/" + id + "/folds?k=5").then().statusCode(200)
                .body("", hasSize(5)).body("validation", everyItem(equalTo(12))).body("train", everyItem(equalTo(48)));

        // train on it, standardized: validation metrics each epoch, the model takes raw rows
        long version = saveVersion(project, classifierGraph(5, 3));
        Map<String, Object> run = new HashMap<>(Map.of("modelVersionId", version, "datasetId", String.valueOf(id), "optimizer", "adam",
                "learningRate", 0.05, "epochs", 40, "batchSize", 8, "seed", 1));
        run.put("scaling", "standardize");
        long runId = startRun(run);
        assertEquals("FINISHED", awaitEnd(runId, 60));
        JsonPath r = given().get("/api/runs/" + runId).then().statusCode(200)
                .body("config.scaling", equalTo("STANDARDIZE")).body("config.split.train", equalTo(0.7f))
                .body("diagnosis.label", notNullValue()).extract().jsonPath();
        assertTrue(r.getDouble("metrics.accuracy") > 0.9, "training accuracy " + r.getDouble("metrics.accuracy"));
        JsonPath m = given().get("/api/runs/" + runId + "/metrics").then().statusCode(200).extract().jsonPath();
        assertNotNull(m.get("[39].valLoss"));
        assertTrue(m.getDouble("[39].valAccuracy") > 0.9, "validation accuracy " + m.getDouble("[39].valAccuracy"));
        long model = r.getLong("modelId");
        // raw rows in: the exported model standardizes them itself
        float[][] rows = {{1.0f, 10.0f, 0, 0, 1}, {5.2f, 4.4f, 1, 0, 0}};
        JsonPath p = given().contentType(ContentType.JSON).body(Map.of("inputs", rows)).post("/api/models/" + model + "/predict")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(0, argmax(p.getList("outputs[0]", Float.class)));
        assertEquals(2, argmax(p.getList("outputs[1]", Float.class)));

        // the validation part was evaluated when the run finished; this split has no test part
        given().get("/api/runs/" + runId + "/evaluations").then().statusCode(200)
                .body("", hasSize(1)).body("[0].split", equalTo("validation")).body("[0].samples", equalTo(18))
                .body("[0].classes", equalTo(List.of("setosa", "versicolor", "virginica")));
        given().contentType(ContentType.JSON).body(Map.of("split", "test")).post("/api/runs/" + runId + "/evaluate")
                .then().statusCode(400).body("message", containsString("60/20/20"));
        JsonPath ev = given().contentType(ContentType.JSON).body(Map.of("split", "train")).post("/api/runs/" + runId + "/evaluate")
                .then().statusCode(200).body("samples", equalTo(42)).body("confusion", hasSize(3))
                .body("perClass", hasSize(3)).extract().jsonPath();
        int diagonal = 0, total = 0;
        List<List<Integer>> confusion = ev.getList("confusion");
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) {
            total += confusion.get(i).get(j);
            if (i == j) diagonal += confusion.get(i).get(j);
        }
        assertEquals(42, total);
        assertEquals(ev.getDouble("accuracy"), diagonal / 42.0, 1e-9, "accuracy is the confusion matrix' diagonal");

        // a data set a run used cannot be deleted
        given().delete("/api/datasets/" + id).then().statusCode(409).body("message", containsString("run " + List.of(runId)));
        given().get("/api/datasets/" + id).then().statusCode(200);
    }

    private static int argmax(List<Float> v) {
        int best = 0;
        for (int i = 1; i < v.size(); i++) if (v.get(i) > v.get(best)) best = i;
        return best;
    }

    @Test
    void badCsvIs400NamingRowAndNothingIsStored() throws Exception {
        long project = createProject("Bad CSV");
        Path bad = dir.resolve("ragged.csv");
        Files.writeString(bad, "a,b,c\n1,2,x\n3,4\n5,6,y\n");
        given().multiPart("file", bad.toFile()).post("/api/projects/" + project + "/datasets").then().statusCode(400)
                .body("message", containsString("Row 3"));
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        given().multiPart("file", empty.toFile()).post("/api/projects/" + project + "/datasets").then().statusCode(400)
                .body("message", containsString("empty"));
        given().multiPart("file", flowersCsv().toFile()).multiPart("target", "nope")
                .post("/api/projects/" + project + "/datasets").then().statusCode(400).body("message", containsString("species"));
        given().get("/api/projects/" + project + "/datasets").then().statusCode(200).body("", hasSize(0));
        given().multiPart("file", flowersCsv().toFile()).post("/api/projects/999999/datasets").then().statusCode(404);
    }

    @Test
    void generatedDataSetCanBeDeletedWhenUnused() {
        long project = createProject("Generated");
        given().get("/api/datasets/generators").then().statusCode(200).body("id", hasItem("moons")).body("id", hasItem("adding"));
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("generator", "moons", "params", Map.of("size", 300, "noise", 0.2, "seed", 5), "name", "My moons"))
                .post("/api/projects/" + project + "/datasets").then().statusCode(201)
                .body("name", equalTo("My moons")).body("size", equalTo(300)).body("kind", equalTo("points"))
                .body("split.train", equalTo(210)).body("split.validation", equalTo(90))
                .body("provenance.generator", equalTo("moons")).extract().jsonPath().getString("id");
        String sha = given().get("/api/datasets/" + id).then().extract().jsonPath().getString("sha256");
        Path file = Path.of("target/test-home/data", sha.substring(0, 2), sha + ".nwds");
        assertTrue(Files.isRegularFile(file), file + " holds the samples");
        given().get("/api/datasets/" + id + "/preview").then().statusCode(200).body("points", hasSize(300))
                .body("points[0].label", notNullValue());
        given().contentType(ContentType.JSON).body(Map.of("generator", "moons", "params", Map.of("size", -3)))
                .post("/api/projects/" + project + "/datasets").then().statusCode(400).body("message", containsString("size"));
        given().contentType(ContentType.JSON).body(Map.of("generator", "nope"))
                .post("/api/projects/" + project + "/datasets").then().statusCode(400).body("message", containsString("moons"));
        given().delete("/api/datasets/" + id).then().statusCode(204);
        given().get("/api/datasets/" + id).then().statusCode(404);
        assertFalse(Files.exists(file), "the unused sample file is deleted too");
        given().delete("/api/datasets/xor").then().statusCode(400).body("message", containsString("Built-in"));
        given().get("/api/datasets/nope").then().statusCode(404);
    }

    /** The autoencoder's data set previews as pairs of images (input, target), not as a table of 1,568 numbers. */
    @Test
    void aReconstructionSetPreviewsAsImagePairs() {
        given().get("/api/datasets/shapes-28-reconstruct").then().statusCode(200).body("kind", equalTo("image-pairs"));
        var preview = given().get("/api/datasets/shapes-28-reconstruct/preview").then().statusCode(200)
                .body("kind", equalTo("image-pairs")).body("images", hasSize(12)).body("header", hasSize(0))
                .body("images[0].png", startsWith("data:image/png;base64,")).body("images[0].target", startsWith("data:image/png;base64,"))
                .extract().jsonPath();
        for (int i = 0; i < 12; i++) {
            // an autoencoder's target is its input: the two images are the same picture
            assertEquals(preview.getString("images[" + i + "].png"), preview.getString("images[" + i + "].target"));
            assertEquals(i, preview.getInt("images[" + i + "].index"));
        }
        // a square image as 28×28 grey pixels
        byte[] png = java.util.Base64.getDecoder().decode(preview.getString("images[0].png").substring("data:image/png;base64,".length()));
        try {
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
            assertEquals(28, img.getWidth());
            assertEquals(28, img.getHeight());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // class images keep no target
        given().get("/api/datasets/shapes-28/preview").then().statusCode(200).body("kind", equalTo("images"))
                .body("images[0].target", nullValue());
    }

    @Test
    void idxUploadWithTestFilesKeepsTheSourceTestSplit() throws Exception {
        long project = createProject("IDX");
        Path images = idxImages(dir.resolve("train-images-idx3-ubyte"), 30, 0);
        Path labels = idxLabels(dir.resolve("train-labels-idx1-ubyte"), 30, 0);
        Path testImages = idxImages(dir.resolve("t10k-images-idx3-ubyte"), 10, 1);
        Path testLabels = idxLabels(dir.resolve("t10k-labels-idx1-ubyte"), 10, 1);
        String id = given().multiPart("images", images.toFile()).multiPart("labels", labels.toFile())
                .multiPart("testImages", testImages.toFile()).multiPart("testLabels", testLabels.toFile())
                .multiPart("classNames", "zero,one,two").multiPart("split", "80/20")
                .post("/api/projects/" + project + "/datasets").then().statusCode(201)
                .body("size", equalTo(40)).body("featureShape", equalTo(List.of(1, 4, 4))).body("kind", equalTo("images"))
                .body("classes", equalTo(List.of("zero", "one", "two")))
                .body("split.sourceTest", equalTo(true)).body("split.test", equalTo(10)).body("split.train", equalTo(24))
                .body("split.validation", equalTo(6))
                .extract().jsonPath().getString("id");
        given().get("/api/datasets/" + id + "/preview").then().statusCode(200)
                .body("images.size()", equalTo(24)).body("images[0].png", startsWith("data:image/png;base64,"));
        given().get("/api/datasets/" + id + "/augmentation-preview?sample=0&flip=true&shift=1&count=4").then().statusCode(200)
                .body("augmented", hasSize(4)).body("original", startsWith("data:image/png"));

        // labels file sent as images: a wrong magic number is named
        given().multiPart("images", labels.toFile()).multiPart("labels", labels.toFile())
                .post("/api/projects/" + project + "/datasets").then().statusCode(400).body("message", containsString("magic"));
    }

    @Test
    void imageZipImportsAndRejectsPathTraversal() throws Exception {
        long project = createProject("Zip");
        Path zip = dir.resolve("shapes.zip");
        try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String cls : List.of("dark", "light")) {
                for (int i = 0; i < 3; i++) {
                    out.putNextEntry(new ZipEntry("shapes/" + cls + "/" + i + ".png"));
                    out.write(png(cls.equals("dark") ? 20 : 230));
                    out.closeEntry();
                }
            }
        }
        given().multiPart("file", zip.toFile()).multiPart("width", "8").multiPart("height", "8")
                .post("/api/projects/" + project + "/datasets").then().statusCode(201)
                .body("size", equalTo(6)).body("featureShape", equalTo(List.of(1, 8, 8))).body("classes", equalTo(List.of("dark", "light")))
                .body("featureStats[0].name", equalTo("channel 0"));

        Path evil = dir.resolve("evil.zip");
        try (var out = new ZipOutputStream(Files.newOutputStream(evil))) {
            out.putNextEntry(new ZipEntry("../../etc/a/x.png"));
            out.write(png(1));
            out.closeEntry();
        }
        given().multiPart("file", evil.toFile()).post("/api/projects/" + project + "/datasets").then().statusCode(400)
                .body("message", containsString("../../etc/a/x.png"));
    }

    @Test
    void runOnAnotherProjectsDataSetIsRefused() throws Exception {
        long a = createProject("Owner");
        long b = createProject("Other");
        long id = upload(a, flowersCsv(), Map.of());
        long version = saveVersion(b, classifierGraph(5, 3));
        given().contentType(ContentType.JSON).body(Map.of("modelVersionId", version, "datasetId", String.valueOf(id)))
                .post("/api/runs").then().statusCode(400).body("message", containsString("belongs to project " + a));
        // augmentation needs images
        long own = saveVersion(a, classifierGraph(5, 3));
        given().contentType(ContentType.JSON).body(Map.of("modelVersionId", own, "datasetId", String.valueOf(id),
                        "augmentation", Map.of("flipHorizontal", true, "maxShift", 0, "maxRotationDegrees", 0, "noiseStd", 0)))
                .post("/api/runs").then().statusCode(400).body("message", containsString("[5]"));
        given().get("/api/projects/" + a + "/runs").then().statusCode(200).body("", hasSize(0));
    }

    static String classifierGraph(int inputs, int classes) {
        return """
                {"format": "netwright.graph", "version": 1, "name": "Classifier",
                 "nodes": [
                   {"id": "input", "type": "Input", "params": {"shape": [%d]}},
                   {"id": "hidden", "type": "Dense", "params": {"units": 16, "activation": "relu"}},
                   {"id": "logits", "type": "Dense", "params": {"units": %d}},
                   {"id": "output", "type": "Output", "params": {"loss": "cross_entropy"}}],
                 "edges": [
                   {"id": "e1", "from": {"node": "input", "port": "out"}, "to": {"node": "hidden", "port": "in"}},
                   {"id": "e2", "from": {"node": "hidden", "port": "out"}, "to": {"node": "logits", "port": "in"}},
                   {"id": "e3", "from": {"node": "logits", "port": "out"}, "to": {"node": "output", "port": "in"}}]}
                """.formatted(inputs, classes);
    }

    private static byte[] png(int gray) throws IOException {
        BufferedImage img = new BufferedImage(12, 10, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 10; y++) for (int x = 0; x < 12; x++) img.getRaster().setSample(x, y, 0, gray);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** n 4x4 images, pixel = (i + k + offset) * 7 mod 256. */
    private static Path idxImages(Path p, int n, int offset) throws IOException {
        try (var out = new DataOutputStream(Files.newOutputStream(p))) {
            out.writeInt(0x00000803);
            out.writeInt(n);
            out.writeInt(4);
            out.writeInt(4);
            for (int i = 0; i < n; i++) for (int k = 0; k < 16; k++) out.writeByte(((i + k + offset) * 7) & 0xFF);
        }
        return p;
    }

    private static Path idxLabels(Path p, int n, int offset) throws IOException {
        try (var out = new DataOutputStream(Files.newOutputStream(p))) {
            out.writeInt(0x00000801);
            out.writeInt(n);
            for (int i = 0; i < n; i++) out.writeByte((i + offset) % 3);
        }
        return p;
    }
}
