package dev.apigw.e2e;

import static dev.apigw.e2e.Client.apiKey;
import static dev.apigw.e2e.Client.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.testsupport.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/** Issue #25: an admin in the console: finds and revokes anyone's key, manages users, reads the audit log. */
class ConsoleAdminIT extends ConsoleBrowserTest {

    @Test
    void anAdminFindsAnotherUsersKeyByItsPrefixAndRevokesIt() throws Exception {
        User owner = newUser("USER");
        String ownerToken = client.login(owner.username(), PASSWORD);
        Client.Response created =
                client.post("/api/auth/apikey/generate", "{\"description\":\"partner feed\"}", bearer(ownerToken));
        String key = created.json("$.key_value");
        String prefix = created.json("$.display_prefix");
        assertThat(client.get("/api/orders", apiKey(key)).status()).isEqualTo(200);

        console.logIn(RunningSystem.ADMIN, RunningSystem.ADMIN_PASSWORD);
        console.go("all-keys");
        // Pasting the whole key finds it by its display prefix: the rest never leaves the page (the API
        // refuses anything longer than a display prefix).
        console.filter("key-filters", "prefix", key);
        console.filter("key-filters", "status", "active");
        console.submit("key-filters");
        // Read at one instant: the listing re-renders as a whole when the filtered answer arrives.
        browser.until(driver -> {
            List<String> rows = console.rowTexts("all-keys-list");
            return rows.size() == 1 && rows.get(0).contains(owner.username());
        });
        browser.screenshot("all-keys");

        String question = console.startAction(console.rowWithPrefix(prefix), "revoke");
        assertThat(question).contains(owner.username(), prefix, "partner feed");
        console.confirm();
        assertThat(console.notice()).contains("revoked");
        Eventually.holds(
                Duration.ofSeconds(1),
                "the revoked key is refused at the gateway",
                () -> client.get("/api/orders", apiKey(key)).status() == 401);
        browser.until(driver -> console.rows("all-keys-list").isEmpty());
        assertThat(browser.visible("#all-keys-list .empty").getText()).contains("No key matches");

        console.filter("key-filters", "status", "revoked");
        console.submit("key-filters");
        browser.until(driver -> console.rows("all-keys-list").size() == 1);
        ConsolePage.assertBadge(console.rowWithPrefix(prefix), "revoked");

        console.go("audit");
        console.filter("audit-filters", "action", "key revoked by admin");
        console.submit("audit-filters");
        browser.until(driver -> {
            List<String> rows = console.rowTexts("audit-list");
            return !rows.isEmpty() && rows.stream().allMatch(row -> row.contains("KEY_REVOKED_BY_ADMIN"));
        });
        assertThat(console.rowTexts("audit-list"))
                .anySatisfy(row -> assertThat(row).contains(RunningSystem.ADMIN, "api_key"));
        browser.screenshot("audit-log");
    }

    @Test
    void anAdminCreatesDisablesAndEnablesAUser() throws Exception {
        String username = "console-made-" + UUID.randomUUID().toString().substring(0, 6);
        console.logIn(RunningSystem.ADMIN, RunningSystem.ADMIN_PASSWORD);
        console.go("users");
        console.filter("create-user-form", "username", username);
        console.filter("create-user-form", "password", PASSWORD);
        console.submit("create-user-form");
        assertThat(console.notice()).contains("User " + username + " created");
        client.login(username, PASSWORD);

        console.filter("user-filters", "name", username);
        console.submit("user-filters");
        browser.until(driver -> console.rows("users-list").size() == 1);
        WebElement row = browser.visible("tr[data-username='" + username + "']");
        assertThat(console.startAction(row, "disable")).contains("Disable " + username);
        console.confirm();
        assertThat(console.notice()).contains(username + " disabled");
        assertThat(browser.visible("tr[data-username='" + username + "'] .badge")
                        .getText())
                .isEqualTo("disabled");
        assertThat(client.post(
                                "/api/auth/login",
                                "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}",
                                java.util.Map.of())
                        .status())
                .isEqualTo(401);
        browser.screenshot("users");

        console.startAction(browser.visible("tr[data-username='" + username + "']"), "enable");
        console.confirm();
        assertThat(console.notice()).contains(username + " enabled");
        client.login(username, PASSWORD);
    }
}
