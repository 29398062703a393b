package dev.netwright.ui;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's chromium driven by Playwright for the browser walkthroughs, as a JUnit extension: headless, never downloads
 * a browser, one per test class, launched before its first test and closed after its last:
 * <pre>{@code
 * @RegisterExtension
 * static final Chromium chromium = new Chromium();
 *
 * @Test
 * void walkthrough() throws Exception {
 *     chromium.walk("my-walkthrough", 1440, 900, page -> {
 *         page.navigate(...);
 *         ...
 *         Chromium.screenshot(page, "my-page.png");
 *     });
 * }
 * }</pre>
 * {@link #walk} runs the steps on a fresh page in a fresh context (downloads accepted, 20 s default timeout, page and
 * console errors logged) and saves {@code <name>-failure.png} when they fail. Screenshots land in
 * {@link #SCREENSHOTS target/screenshots/}.
 */
final class Chromium implements BeforeAllCallback, AfterAllCallback {
    static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** What a walkthrough does with its page. */
    interface Steps {
        void run(Page page) throws Exception;
    }

    private Playwright playwright;
    private Browser browser;
    private Logger log = Logger.getLogger(Chromium.class);

    /** Starts the browser; fails the test class with how to install it when it is missing. */
    @Override
    public void beforeAll(ExtensionContext context) {
        log = Logger.getLogger(context.getRequiredTestClass());
        if (!Files.isExecutable(EXECUTABLE)) {
            fail("The browser test needs Debian's chromium at " + EXECUTABLE + ": apt-get install chromium chromium-driver");
        }
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (browser != null) browser.close();
        } finally {
            if (playwright != null) playwright.close();
            browser = null;
            playwright = null;
        }
    }

    /** The launched browser, for a test that needs a context of its own (a second session). */
    Browser browser() {
        return browser;
    }

    /**
     * Runs {@code steps} on a new page of a new context with a {@code width} × {@code height} viewport that accepts
     * downloads; the page's default timeout is 20 s, and its page errors and console errors are logged. An uncaught
     * script error in the page fails the walk (after the steps: a bug of ours even when the page looks right). When the
     * walk fails, the page is saved as {@code target/screenshots/<name>-failure.png} (full page) and the failure rethrown.
     */
    void walk(String name, int width, int height, Steps steps) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height).setAcceptDownloads(true))) {
            Page page = context.newPage();
            page.setDefaultTimeout(20_000);
            List<String> pageErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
            page.onPageError(e -> {
                log.warn("page error: " + e);
                pageErrors.add(e);
            });
            page.onConsoleMessage(m -> {
                if ("error".equals(m.type())) log.warn("console error: " + m.text());
            });
            try {
                steps.run(page);
                if (!pageErrors.isEmpty()) throw new AssertionError("Uncaught script errors in the page: " + pageErrors);
            } catch (AssertionError | Exception e) {
                try {
                    screenshotFullPage(page, name + "-failure.png");
                } catch (RuntimeException screenshotFailed) {
                    e.addSuppressed(screenshotFailed);
                }
                throw e;
            }
        }
    }

    /** Saves what the viewport shows as {@code target/screenshots/<file>}. */
    static void screenshot(Page page, String file) {
        page.screenshot(new Page.ScreenshotOptions().setPath(screenshotPath(file)));
    }

    /** Saves the whole page as {@code target/screenshots/<file>}. */
    static void screenshotFullPage(Page page, String file) {
        page.screenshot(new Page.ScreenshotOptions().setPath(screenshotPath(file)).setFullPage(true));
    }

    private static Path screenshotPath(String file) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SCREENSHOTS.resolve(file);
    }
}
