package dev.netwright.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netwright.graph.layer.LayerCatalog;
import dev.netwright.graph.layer.LayerType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

class LayerPaletteTest {
    private final LayerPalette palette = new LayerPalette(LayerCatalog.all());

    @Test
    void everyCatalogTypeIsInItsGroupInTheIssuesOrder() {
        var groups = palette.visibleGroups();
        assertEquals(LayerPalette.GROUPS, List.copyOf(groups.keySet()));
        List<String> all = new ArrayList<>();
        groups.values().forEach(all::addAll);
        assertEquals(Set.copyOf(LayerCatalog.all().stream().map(LayerType::type).toList()), Set.copyOf(all));
        assertEquals(LayerCatalog.all().size(), all.size());
        assertEquals(List.of("Input", "Output"), groups.get("Input/Output"));
        assertTrue(groups.get("Activation").containsAll(List.of("ReLU", "Sigmoid", "Softmax", "PReLU")));
        assertTrue(groups.get("Recurrent").containsAll(List.of("SimpleRNN", "LSTM", "GRU")));
        assertTrue(groups.get("Merge").containsAll(List.of("Add", "Concat", "Multiply")));
    }

    @Test
    void searchFiltersByNameDescriptionAndGroup() {
        palette.setFilter("conv");
        assertEquals(List.of("Conv1D", "Conv2D", "ConvTranspose2D"), palette.visibleTypes());
        assertEquals(List.of("Convolution"), List.copyOf(palette.visibleGroups().keySet()));

        palette.setFilter("recurrent");
        assertEquals(List.of("SimpleRNN", "LSTM", "GRU"), palette.visibleTypes(), "the group's name matches");

        palette.setFilter("LEARNED slope");
        assertEquals(List.of("PReLU"), palette.visibleTypes(), "every word, in any case, in the description");

        palette.setFilter("no such layer");
        assertTrue(palette.visibleGroups().isEmpty());

        palette.setFilter("");
        assertEquals(LayerCatalog.all().size(), palette.visibleTypes().size());
    }

    @Test
    void theBlocksGroupListsTheDesignsAndTheLibrarysBlocks() {
        var own = new dev.netwright.graph.BlockSpec("Stem", null, List.of(), List.of(), List.of(), List.of());
        var lib = new dev.netwright.graph.BlockSpec("Res", null, List.of(), List.of(), List.of(), List.of());
        assertEquals(List.of(), palette.blockNames());
        palette.setBlocks(List.of(new LayerPalette.BlockItem(own, "this design", null), new LayerPalette.BlockItem(lib, "version 2", null)));
        assertEquals(List.of("Stem", "Res"), palette.blockNames());
        assertEquals(LayerPalette.GROUPS, List.copyOf(palette.visibleGroups().keySet()), "the layer groups are unchanged");
        assertEquals(List.of("Stem", "Res"), palette.visibleBlockNames());

        // the search filters the blocks too, also those listed after it was typed
        palette.setFilter("lstm");
        assertEquals(List.of(), palette.visibleBlockNames());
        palette.setFilter("res");
        assertEquals(List.of("Res"), palette.visibleBlockNames());
        palette.setBlocks(List.of(new LayerPalette.BlockItem(own, "this design", null), new LayerPalette.BlockItem(lib, "version 3", null)));
        assertEquals(List.of("Res"), palette.visibleBlockNames());
        palette.setFilter("block");
        assertEquals(List.of("Stem", "Res"), palette.visibleBlockNames());
        palette.setFilter("");
        palette.setBlocks(List.of());
        assertEquals(List.of(), palette.blockNames());
    }
}
