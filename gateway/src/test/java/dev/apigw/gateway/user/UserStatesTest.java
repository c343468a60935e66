package dev.apigw.gateway.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which tokens of key-admin-service's users still pass: one map, no database. */
class UserStatesTest {

    private static final String USER = "0b9e2b7c-5a43-4a5e-9c0e-0d1b6a3e7f10";
    private static final long T = Instant.parse("2026-12-01T10:00:00Z").getEpochSecond();

    private final UserStates states = new UserStates();

    private UserStates loadedWith(boolean usable, Instant notBefore) {
        states.loadBegins();
        states.loaded(USER, usable, notBefore);
        states.loadDone();
        return states;
    }

    @Test
    void beforeTheUsersAreLoadedAnUnknownSubjectPassesOnItsSignature() {
        assertThat(states.admits("someone", T)).isTrue();
    }

    @Test
    void onceLoadedAnUnknownSubjectIsRefused() {
        loadedWith(true, null);

        assertThat(states.admits("someone-else", T)).isFalse();
        assertThat(states.admits(USER, T)).isTrue();
    }

    @Test
    void aTokenIssuedBeforeTheUsersTokensWereWithdrawnIsRefused() {
        loadedWith(true, Instant.ofEpochSecond(T));

        assertThat(states.admits(USER, T - 1)).isFalse();
        assertThat(states.admits(USER, T)).isTrue();
        assertThat(states.admits(USER, Long.MIN_VALUE))
                .as("a token without iat")
                .isFalse();
    }

    @Test
    void noTokenOfADisabledOrDeletedUserPasses() {
        loadedWith(false, null);

        assertThat(states.admits(USER, T)).isFalse();
        assertThat(states.admits(USER, Long.MAX_VALUE - 1)).isFalse();
    }

    @Test
    void aNoticeTakesEffectAtOnce() {
        loadedWith(true, null);

        states.changed(USER, false, null);

        assertThat(states.admits(USER, T)).isFalse();
    }

    @Test
    void aLoadsOlderRowNeverUndoesANoticeThatArrivedDuringTheLoad() {
        states.loadBegins();
        states.changed(USER, false, null); // the notice's fresh read: disabled
        states.loaded(USER, true, null); // the bulk read, begun before the change

        states.loadDone();

        assertThat(states.admits(USER, T)).isFalse();
    }

    @Test
    void whileNoticesMayBeMissedUnknownSubjectsPassAgainButKnownStatesHold() {
        loadedWith(false, null);

        states.stale();

        assertThat(states.admits("someone", T)).isTrue();
        assertThat(states.admits(USER, T)).isFalse();
    }
}
