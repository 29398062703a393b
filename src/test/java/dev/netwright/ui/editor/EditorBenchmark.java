package dev.netwright.ui.editor;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netwright.graph.GraphAnalysis;
import dev.netwright.graph.GraphAnalyzer;
import dev.netwright.graph.GraphLayout;
import dev.netwright.graph.GraphSpec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The server side of one edit on a 300-layer design (the bar: shapes and problems back on the page within
 * 100 ms): a parameter change goes through {@link DesignEditor} (draft + undo snapshot, analysis: shapes, costs,
 * problems), then the canvas's view model is built ({@link CanvasModel}) and turned into the JSON Vaadin sends
 * (Jackson, as {@code Element.setPropertyBean} does). Prints the median and 90th percentile of 50 timed edits after
 * 100 warm-up ones, for each part and the whole. The browser's part (reconciling drawflow) is measured by
 * {@code EditorWalkthroughTest}.
 *
 * <p>Run: {@code scripts/bench.sh --editor} (builds the test classes with Maven and runs this main class).
 */
public final class EditorBenchmark {
    private static final int WARMUP = 100, RUNS = 50;

    private EditorBenchmark() {
    }

    /**
     * Input [64], 99 residual blocks (Dense 64 relu → Dense 64 → Add with the block's input), Dense 10, Output:
     * 300 layers, 398 connections, laid out by graph.GraphLayout (left to right, wrapped into bands).
     */
    public static GraphSpec residualMlp() {
        GraphDraft d = new GraphDraft(new GraphSpec(null, 1, "bench-300", List.of(), List.of()));
        String x = d.addNode("Input", 0, 0);
        d.setParam(x, "shape", List.of(64));
        for (int b = 0; b < 99; b++) {
            String a = d.addNode("Dense", 0, 0), c = d.addNode("Dense", 0, 0), add = d.addNode("Add", 0, 0);
            d.setParam(a, "units", 64);
            d.setParam(a, "activation", "relu");
            d.setParam(c, "units", 64);
            d.connect(x, "out", a, "in");
            d.connect(a, "out", c, "in");
            d.connect(c, "out", add, "in0");
            d.connect(x, "out", add, "in1");
            x = add;
        }
        String logits = d.addNode("Dense", 0, 0), out = d.addNode("Output", 0, 0);
        d.setParam(logits, "units", 10);
        d.setParam(out, "loss", "cross_entropy");
        d.connect(x, "out", logits, "in");
        d.connect(logits, "out", out, "in");
        return GraphLayout.layered(d.toSpec());
    }

    public static void main(String[] args) throws Exception {
        GraphSpec graph = residualMlp();
        DesignEditor editor = new DesignEditor(new GraphDraft(graph), GraphAnalyzer::analyze);
        ObjectMapper json = new ObjectMapper();
        GraphAnalysis check = editor.analysis();
        if (!check.isValid()) throw new IllegalStateException("The benchmark graph is invalid: " + check.errors());
        System.out.printf(Locale.ROOT, "editor benchmark: %d layers, %d connections, %,d parameters; %s, %d cores%n",
                graph.nodes().size(), graph.edges().size(), check.totalParameters(), System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors());

        double[] edit = new double[RUNS], analysis = new double[RUNS], view = new double[RUNS], serial = new double[RUNS], total = new double[RUNS];
        int bytes = 0;
        String node = graph.nodes().get(150).id();
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long t0 = System.nanoTime();
            editor.setParam(node, "activation", i % 2 == 0 ? "tanh" : "relu"); // draft, undo snapshot, analysis
            long t1 = System.nanoTime();
            NetworkCanvas.View v = editor.canvasView(i, 0);
            long t2 = System.nanoTime();
            String sent = json.writeValueAsString(v);
            long t3 = System.nanoTime();
            GraphAnalyzer.analyze(editor.draft().toSpec()); // the analysis alone, for the breakdown
            long t4 = System.nanoTime();
            if (i >= WARMUP) {
                int k = i - WARMUP;
                edit[k] = ms(t1 - t0);
                view[k] = ms(t2 - t1);
                serial[k] = ms(t3 - t2);
                total[k] = ms(t3 - t0);
                analysis[k] = ms(t4 - t3);
                bytes = sent.length();
            }
        }
        System.out.printf(Locale.ROOT, "  %-46s %8s %8s%n", "median / p90 of " + RUNS + " edits (ms)", "median", "p90");
        row("edit: draft + undo snapshot + analysis", edit);
        row("  of which the analysis alone", analysis);
        row("canvas view model (CanvasModel.view)", view);
        row("view → JSON (" + bytes / 1024 + " KiB)", serial);
        row("RESULT server side of one edit", total);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void row(String what, double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        System.out.printf(Locale.ROOT, "  %-46s %8.2f %8.2f%n", what, v[v.length / 2], v[(int) Math.ceil(v.length * 0.9) - 1]);
    }
}
