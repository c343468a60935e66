package dev.apigw.keyadmin.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.keyadmin.support.IntegrationTest;
import dev.apigw.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Issue #22 §4: with 45 active keys, 30 simultaneous generates ended with 51–57, and a rotation added
 * an active key with no check at all. The limit (50) must hold under any concurrency and across
 * rotations, whose old key stays usable, and so active, during its grace period.
 */
class KeyLimitIT extends IntegrationTest {

    private static final int LIMIT = 50;

    @Test
    void thirtyConcurrentGeneratesAtFortyFiveActiveKeysEndWithExactlyFifty() throws Exception {
        UserSession user = newUser();
        seedActiveKeys(user.id(), 45);

        List<Answer> answers = Flux.range(0, 30)
                .flatMap(i -> post(user, "/api/auth/apikey/generate", "{}"), 30)
                .collectList()
                .block();

        assertThat(answers).extracting(Answer::status).containsOnly(201, 409);
        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(5);
        assertThat(answers)
                .filteredOn(a -> a.status() == 409)
                .allSatisfy(a -> assertThat(a.body()).contains("\"code\":\"key-limit-reached\""));
        assertThat(activeKeys(user.id())).isEqualTo(LIMIT);
    }

    @Test
    void concurrentGeneratesAndRotationsTogetherStayWithinTheLimit() throws Exception {
        UserSession user = newUser();
        List<String> ids = seedActiveKeys(user.id(), 45);

        List<Answer> answers = Flux.merge(
                        Flux.range(0, 15).flatMap(i -> post(user, "/api/auth/apikey/generate", "{}"), 15),
                        Flux.range(0, 15)
                                .flatMap(
                                        i -> post(
                                                user,
                                                "/api/auth/apikey/" + ids.get(i) + "/rotate",
                                                "{\"grace_period_seconds\":3600}"),
                                        15))
                .collectList()
                .block();

        assertThat(answers).extracting(Answer::status).containsOnly(201, 409);
        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(5);
        assertThat(activeKeys(user.id())).isEqualTo(LIMIT);
    }

    @Test
    void aRotationWithAGracePeriodAtTheLimitIsRefusedOneWithoutIsAllowed() throws Exception {
        UserSession user = newUser();
        List<String> ids = seedActiveKeys(user.id(), LIMIT);

        Answer withGrace =
                post(user, "/api/auth/apikey/" + ids.get(0) + "/rotate", "{}").block();
        assertThat(withGrace.status()).isEqualTo(409);
        assertThat(withGrace.body()).contains("\"code\":\"key-limit-reached\"").contains("grace_period_seconds 0");
        assertThat(activeKeys(user.id())).isEqualTo(LIMIT);
        assertThat(ApiKeyLifecycleIT.keyCount(user.id())).isEqualTo(LIMIT);

        Answer withoutGrace = post(user, "/api/auth/apikey/" + ids.get(0) + "/rotate", "{\"grace_period_seconds\":0}")
                .block();
        assertThat(withoutGrace.status()).isEqualTo(201);
        assertThat(activeKeys(user.id())).isEqualTo(LIMIT);
    }

    private record Answer(int status, String body) {}

    private Mono<Answer> post(UserSession user, String path, String json) {
        return WebClient.create("http://localhost:" + port)
                .post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(user.token()))
                .bodyValue(json)
                .exchangeToMono(response -> response.bodyToMono(String.class)
                        .defaultIfEmpty("")
                        .map(body -> new Answer(response.statusCode().value(), body)));
    }

    /** Inserts {@code count} active keys for the user directly (their values are never needed). */
    private static List<String> seedActiveKeys(String userId, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection connection = TestDatabase.get().openConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO api_keys (user_id, key_hash,"
                        + " display_prefix, created_at) SELECT ?, md5(random()::text) || md5(random()::text),"
                        + " 'gwk_seeded', now() FROM generate_series(1, ?) RETURNING id")) {
            insert.setObject(1, UUID.fromString(userId));
            insert.setInt(2, count);
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    /** Keys usable now: not revoked and not expired (a rotated key in its grace period is usable). */
    static long activeKeys(String userId) throws Exception {
        try (Connection connection = TestDatabase.get().openConnection();
                PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM api_keys WHERE user_id"
                        + " = ? AND NOT revoked AND (expires_at IS NULL OR expires_at > now())")) {
            count.setObject(1, UUID.fromString(userId));
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
