package dev.apigw.gateway.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScopesTest {

    @Test
    void theHeaderValueIsSortedAndSpaceSeparated() {
        assertThat(Scopes.parse("b:x  a:y b:x").headerValue()).isEqualTo("a:y b:x");
        assertThat(Scopes.of(List.of()).headerValue()).isEmpty();
    }

    @Test
    void namesThatCouldNotTravelInAHeaderAreLeftOut() {
        Scopes scopes = Scopes.of("ok:read", "bad\r\nX-User-Id: admin", "quo\"te", "back\\slash", "tab\t", "é", "");

        assertThat(scopes.names()).containsExactly("ok:read");
        assertThat(scopes.headerValue()).isEqualTo("ok:read");
    }

    @Test
    void retainAllKeepsWhatBothHold() {
        Scopes key = Scopes.of("a", "b", "c");

        assertThat(key.retainAll(Scopes.of("b", "c", "d"))).isEqualTo(Scopes.of("b", "c"));
        assertThat(key.retainAll(Scopes.of("a", "b", "c", "d"))).isSameAs(key);
        assertThat(key.retainAll(Scopes.NONE)).isSameAs(Scopes.NONE);
    }
}
