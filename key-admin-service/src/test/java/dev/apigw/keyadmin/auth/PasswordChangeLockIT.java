package dev.apigw.keyadmin.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;

import dev.apigw.keyadmin.support.IntegrationTest;
import dev.apigw.keyadmin.user.PasswordHasher;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Review: a password change must not hold the user's row (and a pooled connection) while BCrypt checks the
 * current password, and a stolen token must not allow unlimited guessing of it.
 */
class PasswordChangeLockIT extends IntegrationTest {

    private static final String NEXT = "another long passphrase";

    @MockitoSpyBean
    private PasswordHasher passwords;

    @Autowired
    private DatabaseClient db;

    @AfterEach
    void unhook() {
        reset(passwords);
    }

    /** The hook's queries run on their own connection, not in the change's transaction (if any). */
    @Test
    void theRowIsNotLockedWhileTheCurrentPasswordIsChecked() {
        UserSession user = newUser();
        List<Long> lockable = new CopyOnWriteArrayList<>();
        doAnswer(call -> db.sql("SELECT id FROM users WHERE id = :id FOR UPDATE SKIP LOCKED")
                        .bind("id", UUID.fromString(user.id()))
                        .fetch()
                        .all()
                        .count()
                        .contextWrite(outsideTheTransaction -> Context.empty())
                        .doOnNext(lockable::add)
                        .then(realCheck(call.getArgument(0), call.getArgument(1))))
                .when(passwords)
                .matchesOrBurn(anyString(), any());

        change(user.token(), PASSWORD).expectStatus().isOk();

        assertThat(lockable).containsExactly(1L);
    }

    @Test
    void aPasswordChangedDuringTheCheckIs409AndNotOverwritten() {
        UserSession user = newUser();
        doAnswer(call -> realCheck(call.getArgument(0), call.getArgument(1))
                        .flatMap(
                                matches -> db.sql("UPDATE users SET password_hash = 'changed meanwhile' WHERE id = :id")
                                        .bind("id", UUID.fromString(user.id()))
                                        .then()
                                        .thenReturn(matches)))
                .when(passwords)
                .matchesOrBurn(anyString(), any());

        change(user.token(), PASSWORD)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("conflict");

        assertThat(db.sql("SELECT password_hash FROM users WHERE id = :id")
                        .bind("id", UUID.fromString(user.id()))
                        .map(row -> row.get("password_hash", String.class))
                        .one()
                        .block())
                .isEqualTo("changed meanwhile");
    }

    @Test
    void wrongCurrentPasswordsAreThrottledPerUserNameLikeLogins() {
        UserSession user = newUser();
        for (int i = 0; i < 5; i++) {
            change(user.token(), "not the password").expectStatus().isUnauthorized();
        }
        clearInvocations(passwords);

        change(user.token(), PASSWORD).expectStatus().isEqualTo(429);
        verify(passwords, never()).matchesOrBurn(any(), any());
    }

    private Mono<Boolean> realCheck(String password, @Nullable String hash) {
        return new PasswordHasher().matchesOrBurn(password, hash);
    }

    private WebTestClient.ResponseSpec change(String token, String current) {
        return client.post()
                .uri("/api/auth/password")
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("current_password", current, "new_password", NEXT))
                .exchange();
    }
}
