package dev.netwright.projects;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.netwright.graph.GraphAnalyzer;
import dev.netwright.graph.GraphLayout;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in templates, read once from {@code templates/*.json} on the classpath. Each must be a valid graph.
 * A template's {@code datasetId} is a built-in data set or "fashion-mnist" (imported from its IDX files). A template
 * may carry weights (the seed's exact XOR solution does); they are checked against its design here, once. Every
 * template is laid out by {@link GraphLayout} when read, so the positions in the files do not matter.
 */
@ApplicationScoped
public class TemplateService {
    static final List<String> IDS = List.of("xor", "xor-seed", "two-spirals", "blobs", "sine", "mlp-28", "lenet-5", "lenet-5-shapes", "vgg-bn",
            "resnet-mini", "rnn-sequence", "lstm-sequence", "autoencoder-28", "selu-mlp");
    private static final ObjectMapper MAPPER = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final Map<String, Template> templates = new LinkedHashMap<>();

    public TemplateService() {
        for (String id : IDS) {
            try (InputStream in = TemplateService.class.getResourceAsStream("/templates/" + id + ".json")) {
                if (in == null) throw new IllegalStateException("Missing template resource templates/" + id + ".json");
                // drawn the way the editor's auto-layout draws (left to right, like the ports), whatever the file's positions
                Template read = MAPPER.readValue(in, Template.class);
                Template t = read.withGraph(GraphLayout.layered(read.graph()));
                var problems = GraphAnalyzer.analyze(t.graph()).errors();
                if (!problems.isEmpty()) throw new IllegalStateException("Template " + id + " is invalid: " + problems);
                // weights must fit the design exactly (every parameter, right sizes): Network.load refuses anything else
                t.initialWeights().flatMap(w -> w.misfit(t.graph())).ifPresent(why -> {
                    throw new IllegalStateException("Template " + id + ": its weights do not fit its design: " + why);
                });
                templates.put(id, t);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read template " + id, e);
            }
        }
    }

    public List<Template> list() {
        return List.copyOf(templates.values());
    }

    public Optional<Template> find(String id) {
        return Optional.ofNullable(templates.get(id));
    }
}
