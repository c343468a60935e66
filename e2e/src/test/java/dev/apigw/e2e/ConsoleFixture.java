package dev.apigw.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * One running system and one browser for every browser test of the console (starting them takes most
 * of a minute): made by the first test class that needs them, closed when the whole run ends.
 */
final class ConsoleFixture implements AutoCloseable {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConsoleFixture.class);

    final RunningSystem system;
    final Client client;
    final Browser browser;
    final ConsolePage console;

    private ConsoleFixture() throws IOException, InterruptedException {
        system = new RunningSystem();
        try {
            Path home = Path.of(System.getProperty("apigw.home", ".."))
                    .toAbsolutePath()
                    .normalize();
            browser = new Browser(home.resolve("e2e/target/console-screenshots"));
        } catch (IOException | RuntimeException e) {
            system.close();
            throw e;
        }
        client = new Client(system);
        console = new ConsolePage(browser, system.gateway("/console/"));
    }

    @Override
    public void close() throws IOException {
        try {
            browser.close();
        } finally {
            system.close();
        }
    }

    /**
     * Skips a test class with one line naming the packages when Chromium is missing; otherwise hands the
     * shared fixture to each test instance.
     */
    static final class Extension implements ExecutionCondition, TestInstancePostProcessor {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return Browser.installed()
                    ? ConditionEvaluationResult.enabled("Chromium and chromedriver are installed")
                    : ConditionEvaluationResult.disabled(Browser.MISSING);
        }

        @Override
        public void postProcessTestInstance(Object instance, ExtensionContext context) {
            ConsoleFixture fixture = context.getRoot()
                    .getStore(NAMESPACE)
                    .computeIfAbsent(ConsoleFixture.class, key -> start(), ConsoleFixture.class);
            ((ConsoleBrowserTest) instance).use(fixture);
        }

        private static ConsoleFixture start() {
            try {
                return new ConsoleFixture();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
