package dev.netwright.projects;

import dev.netwright.persistence.NotFoundException;
import dev.netwright.graph.GraphAnalyzer;
import dev.netwright.graph.GraphProblem;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.Network;
import dev.netwright.graph.WeightsCodec;
import dev.netwright.onnx.OnnxImporter;
import dev.netwright.serving.OnnxModels;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Imports an ONNX model into a project as a new model version with its weights, so it can be edited and fine-tuned:
 * the checks of the model registry's uploads ({@link OnnxModels#inspect}), then {@link OnnxImporter} (design + weights),
 * then the weights are loaded into the compiled design once (they must fit) and stored with the version
 * ({@link WeightsCodec}). A run of that version starts from them.
 */
@ApplicationScoped
public class ModelImportService {
    /**
     * An imported version.
     *
     * @param author   who imported it
     * @param notes    what the import changed or chose (left-out input scaling, the loss, ...)
     * @param problems the design's warnings (it has no errors)
     */
    public record ImportedVersion(long modelVersionId, long projectId, int version, String name, String author, List<String> notes,
                                  List<GraphProblem> problems) {
    }

    private final ProjectService projects;

    public ModelImportService(ProjectService projects) {
        this.projects = projects;
    }

    /**
     * @param name   the version's name; null or blank: the model's graph name
     * @param author who imports it; null or blank: {@link ProjectService#defaultAuthor()}
     * @throws IllegalArgumentException                         an author that breaks {@link AuthorName}'s rules
     * @throws NotFoundException                                unknown project
     * @throws dev.netwright.serving.InvalidModelException      not an ONNX model ONNX Runtime can serve
     * @throws dev.netwright.onnx.OnnxImportException           ops without a Netwright layer (each with its node)
     */
    public ImportedVersion importOnnx(long projectId, byte[] onnx, String name, String author) {
        String by = projects.author(author); // a bad name is refused before the model is read
        projects.get(projectId);
        OnnxModels.inspect(onnx);
        OnnxImporter.ImportedGraph imported = OnnxImporter.importModel(onnx);
        GraphSpec g = imported.graph();
        if (name != null && !name.isBlank()) g = new GraphSpec(g.format(), g.version(), name.strip(), g.nodes(), g.edges());
        WeightsCodec.Weights weights = new WeightsCodec.Weights(imported.parameters(), imported.buffers());
        weights.loadInto(Network.compile(g, 0)); // refuses weights that do not fit, before anything is stored
        ModelVersionView v = projects.saveVersion(projectId, g, WeightsCodec.encode(weights), by);
        List<GraphProblem> warnings = GraphAnalyzer.analyze(g).problems().stream().filter(p -> !p.isError()).toList();
        return new ImportedVersion(v.id(), v.projectId(), v.version(), v.name(), v.author(), imported.notes(), warnings);
    }
}
