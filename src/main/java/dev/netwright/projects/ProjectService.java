package dev.netwright.projects;

import dev.netwright.persistence.NotFoundException;
import dev.netwright.graph.GraphAnalysis;
import dev.netwright.graph.GraphAnalyzer;
import dev.netwright.graph.GraphDiff;
import dev.netwright.graph.GraphFix;
import dev.netwright.graph.GraphFixes;
import dev.netwright.graph.GraphProblem;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.InvalidGraphException;
import dev.netwright.graph.WeightsCodec;
import dev.netwright.persistence.ModelVersionEntity;
import dev.netwright.persistence.ModelVersionRepository;
import dev.netwright.persistence.ProjectDraftEntity;
import dev.netwright.persistence.ProjectDraftRepository;
import dev.netwright.persistence.ProjectEntity;
import dev.netwright.persistence.ProjectRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Creates and reads projects and their model versions. Only valid graphs become versions; every version keeps its
 * author ({@link AuthorName}), {@link #defaultAuthor()} when the caller names none.
 */
@ApplicationScoped
public class ProjectService {
    private static final Logger LOG = Logger.getLogger(ProjectService.class);
    private final ProjectRepository projects;
    private final ModelVersionRepository versions;
    private final ProjectDraftRepository drafts;
    private final String defaultAuthor;

    /**
     * @param defaultAuthor {@code netwright.default-author} ({@code NETWRIGHT_DEFAULT_AUTHOR}): the author of versions saved
     *                      without one; unset or blank: the server's OS user name. (A plain property: a {@code @ConfigMapping}
     *                      on the {@code netwright} prefix would have to map every other {@code netwright.*} key too.)
     */
    public ProjectService(ProjectRepository projects, ModelVersionRepository versions, ProjectDraftRepository drafts,
                          @ConfigProperty(name = "netwright.default-author") Optional<String> defaultAuthor) {
        this.projects = projects;
        this.versions = versions;
        this.drafts = drafts;
        String configured;
        try {
            configured = defaultAuthor.map(AuthorName::normalize).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("netwright.default-author: " + e.getMessage(), e);
        }
        String osUser = AuthorName.normalize(System.getProperty("user.name"));
        this.defaultAuthor = configured != null ? configured : osUser != null ? osUser : "unknown";
    }

    /** The author of versions saved without one: {@code netwright.default-author}, else the server's OS user name. */
    public String defaultAuthor() {
        return defaultAuthor;
    }

    @Transactional
    public ProjectView create(String name, String description) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name must not be empty");
        if (name.length() > 200) throw new IllegalArgumentException("name must be at most 200 characters. Received: " + name.length());
        if (description != null && description.length() > 2000) {
            throw new IllegalArgumentException("description must be at most 2000 characters. Received: " + description.length());
        }
        ProjectEntity p = new ProjectEntity();
        p.name = name.trim();
        p.description = description;
        p.createdAt = Instant.now();
        projects.persist(p);
        return view(p);
    }

    @Transactional
    public ProjectView get(long id) {
        return view(projects.findByIdOptional(id).orElseThrow(() -> new NotFoundException("Project", id)));
    }

    @Transactional
    public List<ProjectView> list() {
        return projects.listAll(Sort.descending("createdAt").and("id", Sort.Direction.Descending)).stream().map(this::view).toList();
    }

    /** Analyses the graph (no persistence): shapes per edge and node, parameter counts, problems. */
    public GraphAnalysis validate(GraphSpec graph) {
        return GraphAnalyzer.analyze(graph);
    }

    /**
     * {@code graph} with the suggested fix of its problem number {@code problemIndex} (an index into
     * {@code validate(graph).problems()}) applied.
     *
     * @throws IllegalArgumentException when there is no such problem or it has no fix
     */
    public GraphSpec applyFix(GraphSpec graph, int problemIndex) {
        List<GraphProblem> problems = GraphAnalyzer.analyze(graph).problems();
        if (problemIndex < 0 || problemIndex >= problems.size()) {
            throw new IllegalArgumentException("problemIndex must be in [0, " + problems.size() + "). Received: " + problemIndex);
        }
        GraphProblem p = problems.get(problemIndex);
        if (p.fix() == null) {
            throw new IllegalArgumentException("Problem " + problemIndex + " (" + p.code() + (p.nodeId() == null ? "" : " at '" + p.nodeId() + "'")
                    + ") has no suggested fix");
        }
        return GraphFixes.apply(graph, p.fix());
    }

    /** {@code graph} with {@code fix}'s edits applied; an edit naming a missing node or edge is an IllegalArgumentException. */
    public GraphSpec applyFix(GraphSpec graph, GraphFix fix) {
        return GraphFixes.apply(graph, fix);
    }

    /** What changed from model version {@code fromId} to model version {@code toId} (any two versions, any projects). */
    @Transactional
    public GraphDiff diff(long fromId, long toId) {
        return GraphDiff.between(version(fromId).graph(), version(toId).graph());
    }

    /**
     * Saves {@code graph} as the project's next version.
     *
     * @param author who saves it; null or blank: {@link #defaultAuthor()}
     * @throws InvalidGraphException    when the graph has errors (nothing is saved)
     * @throws IllegalArgumentException when the author breaks {@link AuthorName}'s rules (nothing is saved)
     */
    @Transactional
    public ModelVersionView saveVersion(long projectId, GraphSpec graph, String author) {
        return saveVersion(projectId, graph, null, author);
    }

    /**
     * As {@link #saveVersion(long, GraphSpec, String)}, with weights to start training from
     * ({@link WeightsCodec}; null: none). The caller checks that they fit the graph.
     */
    @Transactional
    public ModelVersionView saveVersion(long projectId, GraphSpec graph, byte[] weights, String author) {
        String by = author(author);
        projects.findByIdOptional(projectId).orElseThrow(() -> new NotFoundException("Project", projectId));
        boolean named = graph.name() != null && !graph.name().isBlank();
        ModelVersionView v = persist(projectId, graph, named ? graph.name() : null, weights, by);
        drafts.deleteById(projectId); // the draft is now a version
        return v;
    }

    /** The weights stored with model version {@code modelVersionId}, if it has some. */
    @Transactional
    public Optional<WeightsCodec.Weights> weights(long modelVersionId) {
        return versions.weights(modelVersionId).map(WeightsCodec::decode);
    }

    /** Saves template {@code t}'s design as the project's next version, with the template's weights when it has some. */
    @Transactional
    public ModelVersionView saveTemplate(long projectId, Template t, String author) {
        return saveVersion(projectId, t.graph(), t.initialWeights().map(WeightsCodec::encode).orElse(null), author);
    }

    // ***** autosave *****

    /**
     * Keeps {@code graph} as the project's unsaved design (the editor's autosave), replacing the previous draft. Any
     * graph is kept, valid or not: it is work in progress.
     */
    public DraftView saveDraft(long projectId, GraphSpec graph) {
        return saveDraft(projectId, graph, null);
    }

    /**
     * Keeps {@code graph} and the weights that came with it ({@code weights}, a template's; null: none) as the
     * project's unsaved design, replacing the previous draft.
     */
    @Transactional
    public DraftView saveDraft(long projectId, GraphSpec graph, WeightsCodec.Weights weights) {
        projects.findByIdOptional(projectId).orElseThrow(() -> new NotFoundException("Project", projectId));
        ProjectDraftEntity d = drafts.findByIdOptional(projectId).orElseGet(() -> {
            ProjectDraftEntity n = new ProjectDraftEntity();
            n.projectId = projectId;
            return n;
        });
        d.graphJson = GraphJson.write(graph);
        d.weights = weights == null ? null : WeightsCodec.encode(weights);
        d.updatedAt = Instant.now();
        if (!drafts.isPersistent(d)) drafts.persist(d);
        return new DraftView(projectId, graph, Optional.ofNullable(weights), d.updatedAt);
    }

    /**
     * The project's draft when it is newer than its latest version (or there is no version). Weights that no longer
     * decode are left out (logged): the design is what matters.
     */
    @Transactional
    public Optional<DraftView> draft(long projectId) {
        return drafts.findByIdOptional(projectId)
                .filter(d -> versions.findLatest(projectId).map(v -> d.updatedAt.isAfter(v.createdAt)).orElse(true))
                .map(d -> new DraftView(projectId, GraphJson.parse(d.graphJson), draftWeights(d), d.updatedAt));
    }

    private static Optional<WeightsCodec.Weights> draftWeights(ProjectDraftEntity d) {
        if (d.weights == null) return Optional.empty();
        try {
            return Optional.of(WeightsCodec.decode(d.weights));
        } catch (IllegalArgumentException e) {
            LOG.warnf("The weights of project %d's draft do not decode (%s); the draft is offered without them", d.projectId, e.getMessage());
            return Optional.empty();
        }
    }

    /** Forgets the project's draft (discarded, or no longer different from the latest version). */
    @Transactional
    public void deleteDraft(long projectId) {
        drafts.deleteById(projectId);
    }

    /**
     * Saves the graph of model version {@code modelVersionId} as its project's next version, named
     * "&lt;name&gt; (restored from version N)", by {@code author} (null or blank: {@link #defaultAuthor()}). History is
     * never rewritten: the old versions stay as they are. The project's autosaved draft is dropped: it was made on the
     * design the restore replaces.
     *
     * @throws InvalidGraphException    when the old graph no longer passes today's checks (nothing is saved)
     * @throws IllegalArgumentException when the author breaks {@link AuthorName}'s rules (nothing is saved)
     */
    @Transactional
    public ModelVersionView restore(long modelVersionId, String author) {
        String by = author(author);
        ModelVersionEntity old = versions.findByIdOptional(modelVersionId).orElseThrow(() -> new NotFoundException("Model version", modelVersionId));
        GraphSpec graph = GraphJson.parse(old.graphJson);
        String suffix = " (restored from version " + old.version + ")";
        boolean named = graph.name() != null && !graph.name().isBlank();
        String name = named ? truncate(graph.name(), 200 - suffix.length()) + suffix : "Restored from version " + old.version;
        ModelVersionView restored = persist(old.projectId, graph, name, versions.weights(modelVersionId).orElse(null), by);
        drafts.deleteById(old.projectId); // unsaved edits of the design the restore replaces: the editor opens the restored one
        return restored;
    }

    /** The project's versions with their graphs, newest first. */
    @Transactional
    public List<ModelVersionView> versions(long projectId) {
        projects.findByIdOptional(projectId).orElseThrow(() -> new NotFoundException("Project", projectId));
        return versions.findByProject(projectId).reversed().stream().map(this::view).toList();
    }

    /**
     * {@code author} checked and trimmed ({@link AuthorName}), or {@link #defaultAuthor()} when it is null or blank.
     *
     * @throws IllegalArgumentException when it is too long or holds control characters
     */
    public String author(String author) {
        String name = AuthorName.normalize(author);
        return name == null ? defaultAuthor : name;
    }

    /** Validates and stores {@code graph} (with its weights, may be null) as the project's next version; a null name becomes "Version N". */
    private ModelVersionView persist(long projectId, GraphSpec graph, String name, byte[] weights, String author) {
        GraphAnalysis a = GraphAnalyzer.analyze(graph);
        if (!a.isValid()) throw new InvalidGraphException(a.errors());
        ModelVersionEntity v = new ModelVersionEntity();
        v.projectId = projectId;
        v.version = versions.nextVersion(projectId);
        v.name = name == null ? "Version " + v.version : truncate(name, 200);
        v.graphJson = GraphJson.write(graph);
        v.createdAt = Instant.now();
        v.weights = weights;
        v.author = author;
        versions.persist(v);
        return view(v);
    }

    @Transactional
    public ModelVersionView version(long modelVersionId) {
        return view(versions.findByIdOptional(modelVersionId).orElseThrow(() -> new NotFoundException("Model version", modelVersionId)));
    }

    /**
     * A block definition from a saved version: the project's block library.
     *
     * @param source the version's design (the blocks the definition uses come along when it is reused)
     */
    public record LibraryBlock(dev.netwright.graph.BlockSpec block, int version, GraphSpec source) {
    }

    /** The block definitions of the project's saved versions, one per name, from the newest version that has it. */
    @Transactional
    public List<LibraryBlock> blockLibrary(long projectId) {
        return blockLibrary(versions(projectId));
    }

    /** The block library of versions already read ({@link #versions}, newest first), without reading them again. */
    public static List<LibraryBlock> blockLibrary(List<ModelVersionView> newestFirst) {
        java.util.Map<String, LibraryBlock> byName = new java.util.LinkedHashMap<>();
        for (ModelVersionView v : newestFirst) {
            v.graph().blocks().forEach(b -> byName.putIfAbsent(b.name(), new LibraryBlock(b, v.version(), v.graph())));
        }
        return List.copyOf(byName.values());
    }

    /** The newest version of a project, if any. */
    @Transactional
    public java.util.Optional<ModelVersionView> latestVersion(long projectId) {
        return versions.findLatest(projectId).map(this::view);
    }

    private ProjectView view(ProjectEntity p) {
        var vs = versions.findByProject(p.id).stream()
                .map(v -> new ProjectView.VersionSummary(v.id, v.version, v.name, v.createdAt, v.author)).toList();
        return new ProjectView(p.id, p.name, p.description, p.createdAt, vs);
    }

    private ModelVersionView view(ModelVersionEntity v) {
        return new ModelVersionView(v.id, v.projectId, v.version, v.name, GraphJson.parse(v.graphJson), v.createdAt,
                versions.hasWeights(v.id), v.author);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
