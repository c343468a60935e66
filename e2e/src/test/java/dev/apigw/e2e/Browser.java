package dev.apigw.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium, driven by Debian's chromedriver, for the console's browser tests. Its profile
 * is a fresh directory, so nothing a run stores survives it. The browser's console log is collected
 * so that tests can insist it holds no JavaScript error.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));
    static final String MISSING = "Browser tests skipped: no Chromium here. Install the Debian packages"
            + " 'chromium' and 'chromium-driver' (apt-get install -y chromium chromium-driver) to run them.";
    private static final Duration WAIT = Duration.ofSeconds(10);

    final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;
    private final List<String> log = new ArrayList<>();

    /** Whether Chromium and its driver are installed (the tests are skipped otherwise). */
    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    Browser(Path screenshots) throws IOException {
        this.profile = Files.createTempDirectory("console-chromium-");
        this.screenshots = Files.createDirectories(screenshots);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
    }

    void open(String url) {
        driver.get(url);
    }

    /** Waits for an element matching {@code css} to be visible and returns it. */
    WebElement visible(String css) {
        return until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves what the browser shows as {@code <name>.png} in the screenshot directory. */
    Path screenshot(String name) throws IOException {
        Path file = screenshots.resolve(name + ".png");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /**
     * Severe entries of the browser's console since the last call: uncaught exceptions, refused scripts
     * or styles (a Content-Security-Policy violation), failed module loads. An HTTP error status that
     * the page asked for and handles (a refused login, say) is not counted; it is an answer, not a fault.
     */
    List<String> javaScriptErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            log.add(entry.toString());
            boolean answered = entry.getMessage()
                    .matches(".*Failed to load resource: the server responded with a" + " status of 4\\d\\d.*");
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !answered) {
                errors.add(entry.getMessage());
            }
        }
        return errors;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            Files.write(screenshots.resolve("browser-console.log"), log);
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }
}
