package dev.apigw.e2e;

import static dev.apigw.e2e.Client.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #25: the web console in a real browser (headless Chromium), reached through the gateway, against
 * the running system. One system and one browser serve every test class ({@link ConsoleFixture}); each
 * test uses users of its own and starts by opening the console afresh, which is also what ends a
 * session. After each test the browser's console must hold no JavaScript error, Content-Security-Policy
 * violations included.
 */
@ExtendWith(ConsoleFixture.Extension.class)
abstract class ConsoleBrowserTest {

    static final String PASSWORD = "console user password";

    RunningSystem system;
    Client client;
    Browser browser;
    ConsolePage console;

    final void use(ConsoleFixture fixture) {
        system = fixture.system;
        client = fixture.client;
        browser = fixture.browser;
        console = fixture.console;
    }

    @AfterEach
    void noJavaScriptErrors() {
        assertThat(browser.javaScriptErrors())
                .as("errors in the browser's console")
                .isEmpty();
    }

    record User(String id, String username) {}

    User newUser(String role) {
        String username = "console-" + UUID.randomUUID().toString().substring(0, 8);
        Client.Response created = client.post(
                "/api/admin/users",
                "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"}",
                bearer(adminToken()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new User(created.json("$.id"), username);
    }

    String adminToken() {
        return client.login(RunningSystem.ADMIN, RunningSystem.ADMIN_PASSWORD);
    }
}
