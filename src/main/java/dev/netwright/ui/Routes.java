package dev.netwright.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The app's URLs in one place, so views in different packages link to each other without depending on
 * each other's classes.
 */
public final class Routes {
    private Routes() {
    }

    public static String projects() {
        return "";
    }

    public static String editor(long projectId) {
        return "projects/" + projectId;
    }

    public static String projectRuns(long projectId) {
        return "projects/" + projectId + "/runs";
    }

    /** The data sets of a project (its own and the built-in ones). */
    public static String datasets(long projectId) {
        return "projects/" + projectId + "/data";
    }

    /** The data page with one data set selected. */
    public static String dataset(long projectId, String datasetId) {
        return datasets(projectId) + "?dataset=" + URLEncoder.encode(datasetId, StandardCharsets.UTF_8);
    }

    /** A project's saved versions: list, visual diff of two, restore, JSON export. */
    public static String versions(long projectId) {
        return "projects/" + projectId + "/versions";
    }

    /** Where a saved version's graph is downloaded as JSON (served by the REST API; importable as a new version). */
    public static String versionJson(long modelVersionId) {
        return "api/model-versions/" + modelVersionId + "/graph?download=true";
    }

    public static String run(long runId) {
        return "runs/" + runId;
    }

    /** A cross-validation: its folds' runs and the mean ± std of their metrics. */
    public static String experiment(long experimentId) {
        return "experiments/" + experimentId;
    }

    /** The model registry: every model the server can serve. */
    public static String models() {
        return "models";
    }

    /** A model's page: signature, try-it form, latency, batch prediction. */
    public static String model(long modelId) {
        return "models/" + modelId;
    }

    /** Where a trained model's ONNX file is downloaded (served by the REST API). */
    public static String onnx(long modelId) {
        return "api/models/" + modelId + "/onnx";
    }

    /** A run's model exported again with these options (served by the REST API: {@code GET /api/runs/{id}/onnx}). */
    public static String runOnnx(long runId, int opset, boolean foldPreprocessing) {
        return "api/runs/" + runId + "/onnx?opset=" + opset + "&foldPreprocessing=" + foldPreprocessing;
    }

    public static void navigate(String path) {
        UI.getCurrent().navigate(path);
    }

    /** A link that navigates inside the app without reloading the page. */
    public static Anchor link(String text, String path) {
        Anchor a = new Anchor(path, text);
        a.getElement().setAttribute("router-link", true);
        return a;
    }
}
