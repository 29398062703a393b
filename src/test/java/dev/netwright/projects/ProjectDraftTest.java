package dev.netwright.projects;

import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.NodeSpec;
import dev.netwright.persistence.NotFoundException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Autosave: a project's unsaved design is kept in the database until a version is saved. */
@QuarkusTest
class ProjectDraftTest {
    @Inject
    ProjectService projects;

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

    @Test
    void aDraftNeedsAProject() {
        assertThrows(NotFoundException.class, () -> projects.saveDraft(999_999, xor()));
    }
}
