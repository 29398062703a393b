package dev.netwright.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static dev.netwright.onnx.TestNets.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Serves the models PyTorch exported in the shared samples folder (system property
 * {@code netwright.onnx.samples.dir}, default {@code ../shared/onnx-samples}) and compares with PyTorch's
 * output stored beside each, within the tolerance stored there.
 */
class OnnxSamplesTest {
    static Path dir() {
        return Path.of(System.getProperty("netwright.onnx.samples.dir", "../shared/onnx-samples"));
    }

    @TestFactory
    Stream<DynamicTest> samplesReproducePyTorch() throws IOException {
        Path dir = dir();
        assumeTrue(Files.isDirectory(dir), "ONNX samples folder " + dir.toAbsolutePath().normalize()
                + " is absent; set -Dnetwright.onnx.samples.dir=... to run these");
        assumeTrue(Files.exists(dir.resolve("mlp.json")), "no mlp.json in " + dir.toAbsolutePath().normalize());
        List<Path> cases;
        try (Stream<Path> files = Files.list(dir)) {
            cases = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        return cases.stream().map(json -> DynamicTest.dynamicTest(json.getFileName().toString(), () -> check(json)));
    }

    static void check(Path json) throws IOException {
        JsonNode c = new ObjectMapper().readTree(json.toFile());
        byte[] model = Files.readAllBytes(json.resolveSibling(c.path("model").asText()));
        try (InferenceSession s = InferenceSession.load(model)) {
            assertEquals(c.path("input_name").asText(), s.inputName());
            assertEquals(c.path("output_name").asText(), s.outputName());
            TensorData y = s.run(floats(c.path("input").path("data")), longs(c.path("input").path("shape")));
            assertArrayEquals(longs(c.path("expected_output").path("shape")), y.shape(), "output shape");
            assertClose(floats(c.path("expected_output").path("data")), y.data(),
                    c.path("tolerance").path("atol").asDouble(1e-5), c.path("tolerance").path("rtol").asDouble(1e-4),
                    json.getFileName().toString());
        }
    }

    static float[] floats(JsonNode a) {
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) a.get(i).asDouble();
        return v;
    }

    static long[] longs(JsonNode a) {
        long[] v = new long[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).asLong();
        return v;
    }
}
