package dev.concord.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.concord.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;

/**
 * Base for browser journeys: Playwright for Java driving Debian's Chromium (never a downloaded
 * browser). Subclasses are {@code @QuarkusTest}s; each test gets a fresh browser context.
 * Skipped when Chromium is not installed or with {@code -Dconcord.e2e.skip=true}.
 * Screenshots go to {@code target/screenshots/}; {@link #publishScreenshots} copies chosen ones to the docs.
 * With {@code CI=true} a missing Chromium fails the run instead of skipping it.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserTest {
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final List<String> ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-quic", "--autoplay-policy=no-user-gesture-required");

    @TestHTTPResource("/")
    protected URL base;

    protected Playwright playwright;
    protected Browser browser;
    protected BrowserContext context;
    protected Page page;
    /** JavaScript errors seen on the page; tests assert there are none. */
    protected final List<String> pageErrors = new ArrayList<>();

    static Path chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) return Path.of(candidate);
        }
        return null;
    }

    @BeforeAll
    void launch() throws Exception {
        Assumptions.assumeFalse(Boolean.getBoolean("concord.e2e.skip"), "browser tests skipped by -Dconcord.e2e.skip=true");
        Path executable = chromium();
        if (executable == null && "true".equals(System.getenv("CI"))) {
            // In CI a missing browser is a broken machine, not a reason to pass without the journeys.
            throw new IllegalStateException("Debian's chromium is not installed (apt-get install -y chromium); CI=true needs it");
        }
        Assumptions.assumeTrue(executable != null, "Debian's chromium is not installed (apt-get install -y chromium)");
        Files.createDirectories(SCREENSHOTS);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(executable).setHeadless(true).setArgs(ARGS));
    }

    @BeforeEach
    void newContext() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 800).setBaseURL(base.toString()));
        page = context.newPage();
        pageErrors.clear();
        page.onPageError(pageErrors::add);
        page.onConsoleMessage(m -> {
            // Deliberate 4xx answers show up as "Failed to load resource"; those are not page errors.
            if ("error".equals(m.type()) && !m.text().startsWith("Failed to load resource")) pageErrors.add(m.text());
        });
    }

    @AfterEach
    void closeContext() {
        if (context != null) context.close();
    }

    @AfterAll
    void close() {
        if (browser != null) browser.close();
        if (playwright != null) playwright.close();
    }

    /** Logs in through the login form. */
    protected void logIn(String username, String password) {
        page.navigate("/login");
        page.fill("#username", username);
        page.fill("#password", password);
        page.press("#password", "Enter");
        page.waitForURL(url -> !url.contains("/login"));
    }

    protected void logIn(String username) {
        logIn(username, Api.PASSWORD);
    }

    /**
     * Copies screenshots to {@code docs/screenshots/} (the README's pictures), only when asked:
     * {@code ./mvnw verify -Dconcord.screenshots.publish=true}; a plain test run never changes the repository.
     */
    protected static void publishScreenshots(String... names) throws java.io.IOException {
        if (!Boolean.getBoolean("concord.screenshots.publish")) return;
        Path docs = Path.of("docs", "screenshots");
        Files.createDirectories(docs);
        for (String name : names) {
            Files.copy(SCREENSHOTS.resolve(name + ".png"), docs.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Presses a key on the labeling page and returns the milliseconds until the page says the next
     * example is on screen (its concord:shown event, fired once a picture has loaded).
     */
    protected double pressUntilShown(String key) {
        page.evaluate("() => { window.__shown = new Promise(r => document.addEventListener('concord:shown', () => r(performance.now()), { once: true })); }");
        double pressed = ((Number) page.evaluate("() => performance.now()")).doubleValue();
        page.keyboard().press(key);
        // evaluate() has no timeout of its own: a page that never shows the next example fails here, not hangs.
        double shown = ((Number) page.evaluate("() => Promise.race([window.__shown, new Promise((_, fail) => "
                + "setTimeout(() => fail(new Error('no example shown within 15 s; status: ' + document.getElementById('status').textContent)), 15000))])"))
                .doubleValue();
        return shown - pressed;
    }

    /** Prints key-press latencies with their median and p95 and writes them to target/screenshots/{file}; returns the p95. */
    protected static double reportLatency(String file, String what, List<Double> latencies) throws java.io.IOException {
        List<Double> sorted = latencies.stream().sorted().toList();
        double p95 = sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1);
        System.out.printf("%s: n=%d median=%.1f ms p95=%.1f ms%n", what, sorted.size(), sorted.get(sorted.size() / 2), p95);
        Files.writeString(SCREENSHOTS.resolve(file), "n=" + sorted.size() + " p95_ms=" + p95 + " all=" + latencies + "\n");
        return p95;
    }

    /** A full-page screenshot, once every image on the page has loaded (an example's picture arrives after its key). */
    protected void screenshot(String name) {
        screenshot(name, true);
    }

    /**
     * A screenshot of the whole page, or with {@code fullPage} false of the viewport only: what a
     * person sees (a full-page picture draws a bar that sticks to the window's bottom mid-page).
     */
    protected void screenshot(String name, boolean fullPage) {
        page.waitForFunction("() => Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(fullPage));
    }
}
