package dev.apigw.keyadmin.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.keyadmin.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #25: the filters the console's admin pages use: keys by status and display prefix, the audit
 * log by actor, action and time.
 */
class AdminFiltersIT extends IntegrationTest {

    @Test
    void keysAreFilteredByTheirStatusNowAndFoundByTheStartOfTheirDisplayPrefix() {
        UserSession user = newUser();
        String active = generateKey(user, "{}");
        String activeId = read(active, "$.id");
        String expiring = read(generateKey(user, "{\"expires_in_days\":1}"), "$.id");
        String revoked = read(generateKey(user, "{}"), "$.id");
        client.delete()
                .uri("/api/auth/apikey/" + revoked)
                .headers(h -> h.setBearerAuth(user.token()))
                .exchange()
                .expectStatus()
                .isNoContent();
        clock.advance(Duration.ofDays(2));
        String admin = adminToken();

        assertThat(keyIds(admin, "user_id=" + user.id() + "&status=active")).containsExactly(activeId);
        assertThat(keyIds(admin, "user_id=" + user.id() + "&status=expired")).containsExactly(expiring);
        assertThat(keyIds(admin, "user_id=" + user.id() + "&status=revoked")).containsExactly(revoked);
        String prefix = read(active, "$.display_prefix");
        assertThat(keyIds(admin, "prefix=" + prefix)).containsExactly(activeId);
        assertThat(keyIds(admin, "prefix=" + prefix.substring(0, prefix.length() - 1) + "&user_id=" + user.id()))
                .contains(activeId);
    }

    @Test
    void aPrefixWithWildcardsOrLongerThanADisplayPrefixOrAnUnknownStatusIsABadRequest() {
        String admin = adminToken();
        String wholeKey = "gwk_" + "a1B2c3".repeat(6);
        for (String query : List.of("prefix=gwk_%25", "prefix=_%25", "prefix=" + wholeKey, "status=lost")) {
            client.get()
                    .uri("/api/admin/apikeys?" + query)
                    .headers(h -> h.setBearerAuth(admin))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType("application/problem+json");
        }
    }

    @Test
    void theAuditLogIsFilteredByActorActionAndTime() {
        UserSession user = newUser();
        Instant before = clock.instant();
        clock.advance(Duration.ofMinutes(1));
        generateKey(user, "{}");
        clock.advance(Duration.ofMinutes(1));
        generateKey(user, "{}");
        Instant after = clock.instant().plusSeconds(1);
        String admin = adminToken();

        List<String> actions = auditActions(admin, "actor_id=" + user.id());
        assertThat(actions).containsOnly("KEY_CREATED", "LOGIN").contains("KEY_CREATED");
        assertThat(auditActions(admin, "actor_id=" + user.id() + "&action=KEY_CREATED"))
                .containsExactly("KEY_CREATED", "KEY_CREATED");
        Instant between = before.plus(Duration.ofSeconds(90));
        assertThat(auditActions(
                        admin, "actor_id=" + user.id() + "&action=KEY_CREATED&from=" + between + "&to=" + after))
                .hasSize(1);
        assertThat(auditActions(admin, "actor_id=" + user.id() + "&action=KEY_CREATED&to=" + between))
                .hasSize(1);
        client.get()
                .uri("/api/admin/audit?from=yesterday")
                .headers(h -> h.setBearerAuth(admin))
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    private List<String> keyIds(String admin, String query) {
        return read(get(admin, "/api/admin/apikeys?" + query), "$.items[*].id");
    }

    private List<String> auditActions(String admin, String query) {
        return read(get(admin, "/api/admin/audit?" + query), "$.items[*].action");
    }

    private String get(String admin, String uri) {
        return client.get()
                .uri(uri)
                .headers(h -> h.setBearerAuth(admin))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
