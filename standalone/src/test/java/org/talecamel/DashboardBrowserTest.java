package org.talecamel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, never a
 * downloaded one): a file uploaded through the API shows up as a run, is followed to the end, and its report opens.
 * Screenshots are kept in {@code target/screenshots/}. Without the browser the test is skipped, except in CI
 * ({@code CI=true}), where {@code .ci/run} installs it and its absence is a failure.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final Path SAMPLE = HttpApiTest.SAMPLE;
    private static final String TOKEN = "dashboard-test-token-5b8e1f0c93a7";

    @TempDir
    static Path root;
    private static ChromeDriverService driverService;
    private static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        String missing = missingBrowser();
        if (missing != null) {
            if ("true".equals(System.getenv("CI"))) {
                fail(missing + " (CI=true: .ci/run installs them, so the test may not be skipped)");
            }
            return; // each test is skipped, saying why
        }
        Files.createDirectories(SCREENSHOTS);
        driverService = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(SCREENSHOTS.resolve("chromedriver.log").toFile()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000",
                "--user-data-dir=" + Files.createDirectories(root.resolve("chromium-profile")));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(driverService, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
    }

    @BeforeEach
    void blank_page_and_console() {
        Assumptions.assumeTrue(browser != null, DashboardBrowserTest::missingBrowser);
        browser.get("about:blank");
        browser.manage().logs().get(LogType.BROWSER); // reading empties it
    }

    @Test
    void should_show_an_uploaded_run_with_its_progress_until_it_has_finished_and_open_its_report() throws Exception {
        // given the service, its simulator answering slowly enough for a run's progress to be seen
        try (TaleTestApp app = TaleTestApp.start(root.resolve("loopback"),
                Map.of("tale.simulator.latency-ms", "60", "tale.concurrency", "2"))) {
            HttpApiTest.Client api = new HttpApiTest.Client(app.http, null);
            browser.get(app.http + "/");
            WebDriverWait wait = waitUpTo(Duration.ofSeconds(20));
            wait.until(d -> d.findElement(By.id("no-runs")).isDisplayed());
            assertThat(browser.getTitle()).isEqualTo("tale-camel dashboard");
            assertThat(browser.findElement(By.id("upload-example")).getText()).contains("/api/runs?name=gsm8k-style.jsonl");

            // when the sample is uploaded
            String id = upload(api);

            // then its run appears, running with a progress bar, and is followed until it has finished
            waitUpTo(Duration.ofSeconds(20)).until(d -> !d.findElements(By.id("run-" + id)).isEmpty());
            List<String> seen = new ArrayList<>();
            Path running = SCREENSHOTS.resolve("dashboard-running.png");
            Files.deleteIfExists(running);
            waitUpTo(Duration.ofSeconds(90)).until(d -> {
                String state = row(id).getDomAttribute("data-status") + " " + progressText(id);
                if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(state)) {
                    seen.add(state);
                    if (state.matches("running \\d+ / 28 · [1-9]\\d?%") && !Files.exists(running)) {
                        screenshot(running.getFileName().toString());
                    }
                }
                return state.startsWith("finished");
            });
            assertThat(seen).as("the states the page showed").anyMatch(state -> state.matches("running \\d+ / 28 · \\d+%"));
            assertThat(percents(seen)).as("progress never goes back").isSorted();
            assertThat(seen.get(seen.size() - 1)).isEqualTo("finished 28 / 28 · 100%");
            WebElement bar = row(id).findElement(By.tagName("progress"));
            assertThat(bar.getDomProperty("value")).isEqualTo(bar.getDomProperty("max")).isEqualTo("28");

            // and the finished run shows its figures, the SIMULATED label and its files
            WebElement finished = row(id);
            assertThat(finished.getText()).contains("inbox", "gsm8k-style.jsonl", "gpt-4o-mini", "SIMULATED", "cot",
                    "tale-ep", "%", "none", "COMPLETED");
            assertThat(finished.findElements(By.cssSelector(".files a"))).extracting(WebElement::getText)
                    .containsExactly("report", "summary.json", "audit.csv", "junit.xml");
            assertThat(browser.findElement(By.id("simulated-note")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.id("token-form")).isDisplayed()).isFalse();

            // when a second run of the same suite has finished, the suite's trend charts are shown
            String second = upload(api);
            api.awaitFinished(second);
            waitUpTo(Duration.ofSeconds(20)).until(d -> chartsShown() == 2);
            assertThat(browser.findElement(By.id("trends")).getText())
                    .contains("inbox · gsm8k-style.jsonl on gpt-4o-mini", "SIMULATED", "2 runs");
            screenshot("dashboard.png");

            // and the first run's report opens from its link
            openReport(id, "report.png");
            assertNoScriptErrors();
        }
    }

    @Test
    void should_show_a_run_that_did_not_complete_as_stopped_with_its_reason_never_as_finished() throws Exception {
        // given a service whose runs stop at a spend cap of 300 output tokens
        try (TaleTestApp app = TaleTestApp.start(root.resolve("stopped"), Map.of("tale.run.max-output-tokens", "300"))) {
            HttpApiTest.Client api = new HttpApiTest.Client(app.http, null);
            String id = upload(api);
            api.awaitFinished(id);

            // when
            browser.get(app.http + "/");
            waitUpTo(Duration.ofSeconds(20)).until(d -> !d.findElements(By.id("run-" + id)).isEmpty());

            // then: stopped, with why, and no full progress bar
            WebElement stopped = row(id);
            assertThat(stopped.getDomAttribute("data-status")).isEqualTo("stopped");
            assertThat(stopped.getDomAttribute("class")).isEqualTo("stopped");
            assertThat(stopped.findElement(By.className("state")).getText()).isEqualTo("STOPPED · DID NOT COMPLETE");
            assertThat(stopped.findElement(By.className("stop-reason")).getText())
                    .startsWith("spend cap, tale.run.max-output-tokens=300 reached");
            assertThat(stopped.findElements(By.tagName("progress"))).isEmpty();
            assertThat(stopped.getText()).doesNotContain("100%", "COMPLETED", "FINISHED");
            screenshot("dashboard-stopped.png");
            assertNoScriptErrors();
        }
    }

    @Test
    void should_show_a_pending_batch_with_its_status_and_counts_until_its_answers_are_in() throws Exception {
        // given a service in batch mode whose simulated batches take 3 s
        try (TaleTestApp app = TaleTestApp.start(root.resolve("batch"), Map.of("tale.llm.mode", "batch",
                "tale.methods", "cot", "tale.simulator.batch.processing-ms", "3000", "tale.batch.poll-ms", "200",
                "tale.batch.gather-ms", "300"))) {
            HttpApiTest.Client api = new HttpApiTest.Client(app.http, null);
            browser.get(app.http + "/");

            // when a file is uploaded
            String id = upload(api);

            // then while its batch is at the provider, the run shows it: its id, status and request counts
            waitUpTo(Duration.ofSeconds(30)).until(d -> !d.findElements(By.cssSelector("#run-" + id
                    + " .batch-pending")).isEmpty());
            assertThat(row(id).getDomAttribute("data-status")).isEqualTo("running");
            assertThat(row(id).findElement(By.className("batch-pending")).getText())
                    .matches("batch 1 \\(batch_\\w+\\) (validating|in_progress|finalizing) · \\d+ of 28 answered");
            screenshot("dashboard-batch-pending.png");

            // and once its answers are in, the run finishes and no batch is shown waiting
            api.awaitFinished(id);
            waitUpTo(Duration.ofSeconds(20)).until(d -> "finished".equals(row(id).getDomAttribute("data-status")));
            assertThat(row(id).findElements(By.className("batch-pending"))).isEmpty();
            assertNoScriptErrors();
        }
    }

    @Test
    void should_ask_for_the_token_when_the_server_needs_one_and_then_work_with_it() throws Exception {
        // given a service that wants a token (on loopback too, once one is set)
        try (TaleTestApp app = TaleTestApp.start(root.resolve("token"), Map.of("tale.http.token", TOKEN))) {
            HttpApiTest.Client api = new HttpApiTest.Client(app.http, TOKEN);
            String id = upload(api);
            api.awaitFinished(id);

            // when the page is opened, it asks for the token: a wrong one is refused
            browser.get(app.http + "/");
            WebDriverWait wait = waitUpTo(Duration.ofSeconds(20));
            wait.until(d -> d.findElement(By.id("token-form")).isDisplayed());
            assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("API token needed");
            typeToken("not-the-token-but-long-enough");
            wait.until(d -> d.findElement(By.id("token-message")).getText().contains("refused"));

            // then with the right one it lists the run, and opens its report with the token
            typeToken(TOKEN);
            wait.until(d -> !d.findElements(By.id("run-" + id)).isEmpty());
            assertThat(row(id).getDomAttribute("data-status")).isEqualTo("finished");
            assertThat(browser.findElement(By.id("token-form")).isDisplayed()).isFalse();
            openReport(id, null);

            // and the token is kept for the tab: a reload asks no more
            browser.navigate().refresh();
            wait.until(d -> !d.findElements(By.id("run-" + id)).isEmpty());
            assertThat(browser.findElement(By.id("token-form")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.id("forget-token")).isDisplayed()).isTrue();
            assertNoScriptErrors();
        }
    }

    /** Nothing went wrong in the page's script or its requests (the API's 401 and 403 while no token was typed aside). */
    private static void assertNoScriptErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            String message = entry.getMessage();
            boolean refused = message.contains("status of 401") || message.contains("status of 403");
            // the report page, opened by the browser itself, has no icon of its own
            boolean icon = message.contains("/favicon.ico");
            if (entry.getLevel().intValue() >= Level.WARNING.intValue() && !refused && !icon) {
                errors.add(message);
            }
        }
        assertThat(errors).as("errors in the browser's console").isEmpty();
    }

    /** Why the browser cannot be started, or null: it is Debian's, at these paths, never a downloaded one. */
    private static String missingBrowser() {
        List<String> missing = new ArrayList<>();
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(binary)) {
                missing.add(binary.toString());
            }
        }
        return missing.isEmpty() ? null : "the dashboard's browser test needs " + String.join(" and ", missing)
                + ": apt-get install -y chromium chromium-driver";
    }

    private static String upload(HttpApiTest.Client api) throws Exception {
        HttpResponse<String> accepted = api.upload(Files.readAllBytes(SAMPLE), "gsm8k-style.jsonl");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode run = HttpApiTest.JSON.readTree(accepted.body());
        return run.path("id").asText();
    }

    /** Clicks the run's report link: it opens in a new tab, whose title names the report. */
    private static void openReport(String id, String screenshot) {
        String dashboard = browser.getWindowHandle();
        Set<String> before = browser.getWindowHandles();
        row(id).findElement(By.cssSelector("a.file-report")).click();
        waitUpTo(Duration.ofSeconds(20)).until(d -> d.getWindowHandles().size() > before.size());
        String report = browser.getWindowHandles().stream().filter(handle -> !before.contains(handle)).findFirst()
                .orElseThrow();
        browser.switchTo().window(report);
        waitUpTo(Duration.ofSeconds(20)).until(d -> d.getTitle().contains("TALE report"));
        assertThat(browser.getTitle()).contains("TALE report", id);
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("SIMULATED");
        if (screenshot != null) {
            screenshot(screenshot);
        }
        browser.close();
        browser.switchTo().window(dashboard);
    }

    private static void typeToken(String token) {
        WebElement input = browser.findElement(By.id("token"));
        input.clear();
        input.sendKeys(token);
        browser.findElement(By.cssSelector("#token-form button[type=submit]")).click();
    }

    private static WebElement row(String id) {
        return browser.findElement(By.id("run-" + id));
    }

    private static String progressText(String id) {
        return row(id).findElement(By.className("progress-text")).getText();
    }

    private static List<Integer> percents(List<String> states) {
        List<Integer> percents = new ArrayList<>();
        for (String state : states) {
            java.util.regex.Matcher percent = java.util.regex.Pattern.compile("(\\d+)%$").matcher(state);
            if (percent.find()) {
                percents.add(Integer.parseInt(percent.group(1)));
            }
        }
        return percents;
    }

    /** Trend charts drawn on the page (loaded, with a size). */
    private static long chartsShown() {
        return (Long) ((JavascriptExecutor) browser).executeScript("return Array.from(document.querySelectorAll("
                + "'#trends img')).filter(img => img.complete && img.naturalWidth > 0).length;");
    }

    private static WebDriverWait waitUpTo(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout, Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class);
        return wait;
    }

    /** The whole page, as tall as it is. */
    private static void screenshot(String name) {
        try {
            Dimension window = browser.manage().window().getSize();
            // the page's height, plus what the window has around the page
            long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement"
                    + ".scrollHeight + window.outerHeight - window.innerHeight;");
            browser.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.max(height, 600)));
            Files.write(SCREENSHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
            browser.manage().window().setSize(window);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot keep the screenshot " + name, e);
        }
    }
}
