package dev.netwright.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.netwright.ui.Chromium.screenshot;
import static dev.netwright.ui.Chromium.screenshotFullPage;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.netwright.projects.ProjectService;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The data page in a real browser (Debian's chromium, driven by Playwright): upload a small CSV through the upload
 * dialog and see it listed with its preview, classes and split; upload a broken CSV and read which row is wrong;
 * generate a moons data set and delete it again; upload two IDX files at once; look at a built-in image set with
 * an augmentation preview and at built-in sequences. Screenshots land in target/screenshots/.
 */
@QuarkusTest
class DatasetsWalkthroughTest {
    /** 12 flowers, 3 species, a categorical column. */
    private static final String FLOWERS = """
            sepal,petal,colour,species
            5.1,1.4,white,setosa
            4.9,1.3,white,setosa
            4.7,1.5,pink,setosa
            5.0,1.4,white,setosa
            7.0,4.7,blue,versicolor
            6.4,4.5,blue,versicolor
            6.9,4.9,pink,versicolor
            5.5,4.0,blue,versicolor
            6.3,6.0,blue,virginica
            5.8,5.1,pink,virginica
            7.1,5.9,blue,virginica
            6.5,5.8,pink,virginica
            """;

    /** Line 4 of the file (the third flower) has a value too few. */
    private static final String RAGGED = """
            sepal,petal,species
            5.1,1.4,setosa
            4.9,1.3,setosa
            4.7,setosa
            7.0,4.7,versicolor
            """;

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URL base;

    @Inject
    ProjectService projects;

    @BeforeAll
    static void assertionTimeout() {
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000); // the first page of a cold server can take a while
    }

    @Test
    void uploadPreviewAndGenerate() throws Exception {
        Path dir = Files.createTempDirectory("netwright-data-test");
        Path flowers = Files.writeString(dir.resolve("flowers.csv"), FLOWERS);
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), RAGGED);
        long projectId = projects.create("Data walkthrough", "Created by the browser test").id();
        chromium.walk("data-walkthrough", 1440, 1000, page -> {
            page.navigate(base + "projects/" + projectId + "/data");
            uploadCsv(page, flowers);
            uploadBrokenCsv(page, ragged);
            generateMoons(page);
            uploadIdx(page, dir);
            builtinImages(page);
            builtinSequences(page);
        });
    }

    private void uploadCsv(Page page, Path csv) {
        assertThat(page.locator(".nw-data-page h2")).hasText("Data of Data walkthrough");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload…")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        page.locator("vaadin-upload input[type=file]").setInputFiles(csv);
        Locator importButton = dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Import"));
        assertThat(importButton).isEnabled();
        screenshot(page, "data-upload-dialog.png");
        importButton.click();
        assertThat(dialog).hasCount(0);

        // listed, with its sample count; the detail shows the facts, the classes, the split and the rows
        Locator own = page.locator(".nw-data-own");
        assertThat(own).containsText("flowers");
        assertThat(own).containsText("12");
        assertThat(own).containsText("multiclass · 3 classes");
        assertThat(page.locator(".nw-data-summary")).containsText("12 samples");
        assertThat(page.locator(".nw-data-summary")).containsText("flowers.csv");
        assertThat(page.locator(".nw-data-detail .nw-lead")).containsText("CSV file flowers.csv: 12 rows");
        assertThat(page.locator(".nw-class-chart")).hasAttribute("data-kind", "bar");
        assertThat(page.locator(".nw-class-chart")).hasAttribute("data-count", "3");
        assertThat(page.locator(".nw-split-sizes")).hasText("Train 12 · validation 0 · test 0");
        Locator table = page.locator(".nw-preview-table");
        assertThat(table).containsText("5.1");
        assertThat(table).containsText("virginica");
        assertThat(page.locator(".nw-feature-columns")).containsText("colour");
        assertThat(page.locator(".nw-feature-columns")).containsText("categorical");
        tallScreenshot(page, "data-csv.png");

        // a 60/20/20 split: the sizes change
        page.locator(".nw-split-panel vaadin-select").click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("60 / 20 / 20 (train / validation / test)")).click();
        page.locator(".nw-split-panel").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Apply")).click();
        assertThat(page.locator(".nw-split-sizes")).not().hasText("Train 12 · validation 0 · test 0");
        assertThat(page.locator(".nw-split-sizes")).containsText("test");
    }

    private void uploadBrokenCsv(Page page, Path csv) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload…")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        page.locator("vaadin-upload input[type=file]").setInputFiles(csv);
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Import")).click();
        Locator error = dialog.locator(".nw-form-error");
        assertThat(error).containsText(Pattern.compile("Row 4\\b"));
        assertThat(dialog).hasCount(1);
        screenshot(page, "data-upload-error.png");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel")).click();
        assertThat(dialog).hasCount(0);
        assertThat(page.locator(".nw-data-own")).not().containsText("ragged");
    }

    private void generateMoons(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Generate…")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        dialog.locator("vaadin-select").first().click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Moons").setExact(true)).click();
        assertThat(dialog.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true))).hasValue("Moons");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Generate").setExact(true)).click();
        assertThat(dialog).hasCount(0);

        Locator own = page.locator(".nw-data-own");
        assertThat(own).containsText("Moons");
        assertThat(own).containsText("400");
        assertThat(page.locator(".nw-data-summary")).containsText("400 samples");
        assertThat(page.locator(".nw-preview data-chart")).hasAttribute("data-kind", "scatter");
        tallScreenshot(page, "data-moons.png");

        // delete it again: confirm, and it is gone from the list
        page.locator(".nw-data-header").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();
        page.getByRole(AriaRole.ALERTDIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();
        assertThat(own).not().containsText("Moons");
        assertThat(own).containsText("flowers");
    }

    /** Two IDX files at once, named as in MNIST (without extension): mapped to images and labels by name. */
    private void uploadIdx(Page page, Path dir) throws Exception {
        int n = 8, side = 6;
        ByteBuffer images = ByteBuffer.allocate(16 + n * side * side).putInt(0x0803).putInt(n).putInt(side).putInt(side);
        ByteBuffer labels = ByteBuffer.allocate(8 + n).putInt(0x0801).putInt(n);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < side * side; p++) images.put((byte) (i % 2 == 0 ? p * 7 : 255 - p * 7));
            labels.put((byte) (i % 2));
        }
        Path imageFile = Files.write(dir.resolve("train-images-idx3-ubyte"), images.array());
        Path labelFile = Files.write(dir.resolve("train-labels-idx1-ubyte"), labels.array());

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload…")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        page.locator("vaadin-upload input[type=file]").setInputFiles(new Path[]{imageFile, labelFile});
        assertThat(dialog.locator(".nw-file-fields")).containsText("train-labels-idx1-ubyte → training labels");
        assertThat(dialog.locator(".nw-file-fields")).containsText("train-images-idx3-ubyte → training images");
        dialog.getByLabel("Class names").fill("cat, dog");
        dialog.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("tiny idx");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Import")).click();
        assertThat(dialog).hasCount(0);

        assertThat(page.locator(".nw-data-own")).containsText("tiny idx");
        assertThat(page.locator(".nw-data-summary")).containsText("8 samples");
        assertThat(page.locator(".nw-preview .nw-image-class-name")).hasText(new String[]{"cat", "dog"});
        assertThat(page.locator(".nw-preview .nw-sample-image")).hasCount(8);
    }

    private void builtinSequences(Page page) {
        page.locator(".nw-data-builtin").getByText("Sine forecasting").click();
        assertThat(page.locator(".nw-data-detail h3")).hasText("Sine forecasting");
        assertThat(page.locator(".nw-preview data-chart")).hasAttribute("data-kind", "line");
    }

    private void builtinImages(Page page) {
        page.locator(".nw-data-builtin").getByText("Shapes 28×28", new Locator.GetByTextOptions().setExact(true)).click();
        assertThat(page.locator(".nw-data-detail h3")).hasText("Shapes 28×28");
        assertThat(page.locator(".nw-preview .nw-image-class").first()).isVisible();
        assertThat(page.locator(".nw-split-panel").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Apply"))).isDisabled();
        assertThat(page.locator(".nw-data-header").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete"))).hasCount(0);

        Locator augmentation = page.locator(".nw-augmentation");
        augmentation.getByText("Horizontal flip").click();
        augmentation.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Preview")).click();
        assertThat(augmentation.locator(".nw-augmentation-result .nw-sample-image")).hasCount(9);
        tallScreenshot(page, "data-images.png");

        // the autoencoder template's data set: the same images as features and as 784 regression targets
        page.locator(".nw-data-builtin").getByText("Shapes 28×28 (reconstruct)").click();
        assertThat(page.locator(".nw-data-detail h3")).hasText("Shapes 28×28 (reconstruct)");
        assertThat(page.locator(".nw-data-detail")).containsText("784");
        // previewed as pairs of 28×28 images (input, target), not as a table of 1,568 numbers
        assertThat(page.locator(".nw-preview")).hasAttribute("data-kind", "image-pairs");
        Locator pairs = page.locator(".nw-image-pair");
        assertThat(pairs).hasCount(12);
        assertThat(pairs.first().locator("img")).hasCount(2);
        assertThat(pairs.first().locator("img").nth(1)).hasAttribute("alt", "sample 0: target");
        assertThat(page.locator(".nw-preview-table")).hasCount(0);
        tallScreenshot(page, "data-reconstruct.png");
    }

    /** The app layout scrolls inside the page: a tall window shows the whole detail. */
    private static void tallScreenshot(Page page, String name) {
        page.setViewportSize(1440, 3000);
        screenshotFullPage(page, name);
        page.setViewportSize(1440, 1000);
    }
}
