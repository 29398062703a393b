package dev.netwright.projects;

import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.NodeSpec;
import dev.netwright.graph.WeightsCodec;
import dev.netwright.persistence.NotFoundException;
import dev.netwright.persistence.ProjectDraftRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Autosave: a project's unsaved design is kept in the database until a version is saved. */
@QuarkusTest
class ProjectDraftTest {
    @Inject
    ProjectService projects;
    @Inject
    ProjectDraftRepository drafts;

    static GraphSpec xor() {
        return dev.netwright.graph.Graphs.xor();
    }

    @Test
    void aDraftIsKeptUntilAVersionIsSaved() {
        long id = projects.create("Draft " + System.nanoTime(), null).id();
        assertTrue(projects.draft(id).isEmpty());

        GraphSpec unsaved = xor();
        DraftView d = projects.saveDraft(id, unsaved);
        assertEquals(unsaved, projects.draft(id).orElseThrow().graph());
        assertEquals(d.updatedAt().toEpochMilli(), projects.draft(id).orElseThrow().updatedAt().toEpochMilli());

        List<NodeSpec> nodes = new ArrayList<>(unsaved.nodes());
        nodes.set(1, new NodeSpec("h", "Dense", Map.of("units", 6, "activation", "tanh"), null));
        GraphSpec edited = unsaved.with(nodes, unsaved.edges());
        projects.saveDraft(id, edited); // replaces, one draft per project
        assertEquals(edited, projects.draft(id).orElseThrow().graph());

        projects.saveVersion(id, edited, null);
        assertTrue(projects.draft(id).isEmpty(), "saving a version deletes the draft");

        projects.saveDraft(id, unsaved);
        assertTrue(projects.draft(id).isPresent(), "a draft newer than the latest version is offered");
        projects.deleteDraft(id);
        assertTrue(projects.draft(id).isEmpty());
    }

    /** A template's weights live in the draft until a version is saved (a restart before the first save keeps them). */
    @Test
    void aDraftKeepsTheWeightsThatCameWithIt() {
        long id = projects.create("Draft weights " + System.nanoTime(), null).id();
        WeightsCodec.Weights w = new WeightsCodec.Weights(Map.of("h.weight", new float[]{1.5f, -2f, 0.25f, 4f}, "h.bias", new float[]{-1f, 3f}),
                Map.of());
        projects.saveDraft(id, xor(), w);
        DraftView back = projects.draft(id).orElseThrow();
        assertEquals(xor(), back.graph());
        WeightsCodec.Weights kept = back.weights().orElseThrow();
        assertEquals(w.parameters().keySet(), kept.parameters().keySet());
        assertArrayEquals(new float[]{1.5f, -2f, 0.25f, 4f}, kept.parameters().get("h.weight"));
        assertArrayEquals(new float[]{-1f, 3f}, kept.parameters().get("h.bias"));

        projects.saveDraft(id, xor()); // an edit after the weights were dropped (saved, or the template replaced)
        assertTrue(projects.draft(id).orElseThrow().weights().isEmpty());
    }

    @Test
    void weightsThatNoLongerDecodeLeaveTheDesign() {
        long id = projects.create("Draft broken weights " + System.nanoTime(), null).id();
        projects.saveDraft(id, xor(), new WeightsCodec.Weights(Map.of("h.bias", new float[]{1f, 2f}), Map.of()));
        QuarkusTransaction.requiringNew().run(() -> drafts.findById(id).weights = new byte[]{1, 2, 3});
        DraftView back = projects.draft(id).orElseThrow();
        assertEquals(xor(), back.graph());
        assertTrue(back.weights().isEmpty());
    }

    @Test
    void aRestoreDropsTheDraftOfTheDesignItReplaces() {
        long id = projects.create("Draft restore " + System.nanoTime(), null).id();
        ModelVersionView v1 = projects.saveVersion(id, xor(), null);
        projects.saveVersion(id, xor(), null);
        projects.saveDraft(id, xor());
        assertTrue(projects.draft(id).isPresent());
        projects.restore(v1.id(), null);
        assertTrue(projects.draft(id).isEmpty(), "the editor opens the restored version, not the older unsaved edits");
    }

    @Test
    void aDraftNeedsAProject() {
        assertThrows(NotFoundException.class, () -> projects.saveDraft(999_999, xor()));
    }
}
