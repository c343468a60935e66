package dev.apigw.keycore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretMaskingTest {

    @Test
    void masksKeysButKeepsTheirDisplayPrefix() {
        GeneratedKey key = KeyFormat.defaults().generate();

        String masked = SecretMasking.mask("uri=/api/x?api_key=" + key.value() + "&a=1");

        assertThat(masked)
                .doesNotContain(key.value())
                .contains(key.displayPrefix() + "…[masked]")
                .endsWith("&a=1");
    }

    /** Issue #21: a key glued to other characters kept its secret, as did a key with a longer secret. */
    @ParameterizedTest
    @ValueSource(strings = {"x%sy", "%s9", "9%s", "key=%s;", "X_%s_Y", "abcdefghijklmnopqrstuvwxyz%sz", "%s%s"})
    void masksKeysGluedToOtherCharacters(String template) {
        GeneratedKey key = KeyFormat.defaults().generate();
        String secret = key.value().substring(key.displayPrefix().length());

        String masked = SecretMasking.mask(template.replace("%s", key.value()));

        assertThat(masked).doesNotContain(secret).contains("…[masked]");
    }

    @Test
    void masksAKeyWithALongerSecretToItsEnd() {
        GeneratedKey key = new KeyFormat("acme2", 128).generate();

        String masked = SecretMasking.mask("(" + key.value() + ")");

        assertThat(masked).isEqualTo("(" + key.displayPrefix() + "…[masked])");
    }

    @Test
    void masksJwtsGluedToOtherCharacters() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl";

        assertThat(SecretMasking.mask("x" + jwt + "y")).isEqualTo("x[masked-jwt]");
    }

    @Test
    void masksJwtsAndBearerCredentialsAnywhere() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl";

        assertThat(SecretMasking.mask("Authorization:\"Bearer " + jwt + "\", next"))
                .doesNotContain(jwt)
                .doesNotContain("c2lnbmF0dXJl");
        assertThat(SecretMasking.mask("authorization: bearer opaque-token-123")).doesNotContain("opaque-token-123");
        assertThat(SecretMasking.mask("token " + jwt)).isEqualTo("token [masked-jwt]");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "User 5a5b10c6-9660-4b6f-b58f-6765b947c70a created key gwk_AbC123 (display prefix)";

        assertThat(SecretMasking.mask(text)).isEqualTo(text);
    }
}
