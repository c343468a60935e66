package dev.apigw.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.apigw.e2e.Client.apiKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.apigw.testsupport.Eventually;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Issue #25: a key owner in the console: create (shown once), copy, use, rotate and revoke keys; what they type stays text; the page fits a phone. */
class ConsoleOwnerIT extends ConsoleBrowserTest {

    @Test
    void anOwnerCreatesAKeySeesItOnceCopiesItCallsTheGatewayAndRevokesIt() throws Exception {
        User user = newUser("USER");
        console.logIn(user.username(), PASSWORD);
        assertThat(browser.visible("#my-keys .empty").getText()).contains("You have no keys yet");
        browser.screenshot("my-keys-empty");

        String key = console.createKey("billing service");
        assertThat(browser.visible("#key-dialog-warning").getText()).contains("only time this key is shown");
        assertThat(console.copyShownKey()).isEqualTo(key);
        browser.screenshot("new-key-dialog");
        console.closeKeyDialog();
        assertThat(console.shownKeyValue())
                .as("closing the dialog forgets the key")
                .isEmpty();
        assertThat(browser.driver.getPageSource()).doesNotContain(key);
        assertThat(browser.driver.getCurrentUrl()).doesNotContain(key);
        assertThat(browser.driver.executeScript("return localStorage.length + sessionStorage.length"))
                .isEqualTo(0L);

        WebElement row = console.rowOf(key);
        ConsolePage.assertBadge(row, "active");
        assertThat(row.findElement(By.cssSelector(".description")).getText()).isEqualTo("billing service");
        browser.screenshot("my-keys");

        system.backend.resetRequests();
        assertThat(client.get("/api/orders/console", apiKey(key)).status()).isEqualTo(200);
        LoggedRequest received = system.backend
                .findAll(getRequestedFor(urlEqualTo("/api/orders/console")))
                .get(0);
        assertThat(received.getHeaders().getHeader("X-User-Id").values()).containsExactly(user.id());

        String prefix = row.getDomAttribute("data-prefix");
        String question = console.startAction(row, "revoke");
        assertThat(question).contains("Revoke " + prefix, "billing service");
        browser.screenshot("revoke-confirmation");
        console.confirm();
        assertThat(console.notice()).contains("revoked");
        ConsolePage.assertBadge(console.rowWithPrefix(prefix), "revoked");
        Eventually.holds(
                Duration.ofSeconds(1),
                "the revoked key is refused at the gateway",
                () -> client.get("/api/orders/console", apiKey(key)).status() == 401);
    }

    @Test
    void anOwnerRotatesAKeyWithAGracePeriodAndSeesTheOldKeysNewExpiry() throws Exception {
        User user = newUser("USER");
        console.logIn(user.username(), PASSWORD);
        String oldKey = console.createKey("nightly export");
        console.closeKeyDialog();
        WebElement oldRow = console.rowOf(oldKey);
        String oldPrefix = oldRow.getDomAttribute("data-prefix");
        assertThat(oldRow.findElement(By.cssSelector(".expires")).getText()).isEqualTo("never");

        assertThat(console.startAction(oldRow, "rotate")).contains("Rotate " + oldPrefix, "nightly export");
        console.chooseInDialog("grace", "1 hour");
        browser.screenshot("rotate-dialog");
        console.confirm();
        String newKey = browser.until(driver -> {
            String shown = console.shownKeyValue();
            return shown.isEmpty() ? null : shown;
        });
        assertThat(newKey).isNotEqualTo(oldKey);
        assertThat(browser.visible("#key-dialog-context").getText()).contains("Replaces " + oldPrefix, "works until");
        console.closeKeyDialog();

        WebElement rotated = console.rowWithPrefix(oldPrefix);
        ConsolePage.assertBadge(rotated, "active");
        assertThat(rotated.findElement(By.cssSelector(".status")).getText()).contains("rotated: works until");
        assertThat(rotated.findElement(By.cssSelector(".expires")).getText()).isNotEqualTo("never");
        assertThat(rotated.findElements(By.cssSelector("button[data-action='rotate']")))
                .as("a rotated key is not rotated again")
                .isEmpty();
        ConsolePage.assertBadge(console.rowOf(newKey), "active");
        browser.screenshot("my-keys-rotated");

        assertThat(client.get("/api/orders", apiKey(newKey)).status()).isEqualTo(200);
        assertThat(client.get("/api/orders", apiKey(oldKey)).status())
                .as("within the grace period")
                .isEqualTo(200);
    }

    @Test
    void markupInADescriptionStaysText() {
        User user = newUser("USER");
        console.logIn(user.username(), PASSWORD);
        String hostile = "<script>window.__xss=1</script>\"><img src=x onerror=\"window.__xss=2\">";
        String key = console.createKey(hostile);
        assertThat(browser.visible("#key-dialog-context").getText()).contains(hostile);
        console.closeKeyDialog();

        WebElement row = console.rowOf(key);
        assertThat(row.findElement(By.cssSelector(".description")).getText()).isEqualTo(hostile);
        assertThat(browser.all("#view img, #view script")).isEmpty();
        assertThat(browser.driver.executeScript("return window.__xss === undefined"))
                .isEqualTo(true);

        console.startAction(row, "revoke");
        assertThat(browser.visible("#confirm-dialog-text").getText()).contains(hostile);
        assertThat(browser.all("dialog img, dialog script")).isEmpty();
        browser.visible("#confirm-dialog-cancel").click();
    }

    @Test
    void atPhoneWidthThePageFitsAndEveryControlIsLabelled() throws Exception {
        User user = newUser("USER");
        browser.size(375, 800);
        try {
            console.logIn(user.username(), PASSWORD);
            console.createKey("phone");
            console.closeKeyDialog();
            browser.visible("tr[data-prefix]");
            Object overflow = browser.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).longValue())
                    .as("horizontal overflow in px")
                    .isLessThanOrEqualTo(0L);
            Object unlabelled = browser.driver.executeScript("return [...document.querySelectorAll("
                    + "'input:not([type=hidden]), select')].filter((c) => c.labels.length === 0"
                    + " && !c.getAttribute('aria-label')).map((c) => c.name || c.id)");
            assertThat((List<?>) unlabelled).as("form controls without a label").isEmpty();
            browser.screenshot("my-keys-375px");
        } finally {
            browser.size(1280, 900);
        }
    }

    /** Issue #25 with #23: the limits an admin set on a key, and what the key used, in the owner's console. */
    @Test
    void anOwnerSeesTheLimitsAnAdminSetAndWhatTheKeyUsed() throws Exception {
        User user = newUser("USER");
        console.logIn(user.username(), PASSWORD);
        String key = console.createKey("metered service");
        console.closeKeyDialog();
        WebElement row = console.rowOf(key);
        String keyId = row.getDomAttribute("data-key-id");
        HttpResponse<String> set = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(system.gateway("/api/admin/apikeys/" + keyId + "/limits")))
                                .header("Authorization", "Bearer " + adminToken())
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(10))
                                .PUT(HttpRequest.BodyPublishers.ofString(
                                        "{\"rate\":{\"limit\":50,\"window_seconds\":1,\"burst\":100},"
                                                + "\"quota\":{\"limit\":1000,\"period\":\"daily\"}}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        Eventually.holds(
                Duration.ofSeconds(5),
                "the gateway admits the key under its new limits",
                () -> client.get("/api/orders/metered", apiKey(key)).status() == 200);
        assertThat(client.get("/api/orders/metered", apiKey(key)).status()).isEqualTo(200);

        String shown = console.startAction(row, "usage");

        assertThat(shown)
                .contains("Rate: 50 requests per 1 second, bursts of up to 100.")
                .contains("Quota: 1000 requests daily (UTC).")
                .containsPattern("Used in the daily window: [2-9]")
                .containsPattern("Remaining of the quota: 99[0-8]");
        browser.screenshot("key-usage");
        console.confirm();
    }
}
