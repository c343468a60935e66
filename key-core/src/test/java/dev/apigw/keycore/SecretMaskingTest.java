package dev.apigw.keycore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretMaskingTest {

    @Test
    void masksKeysButKeepsTheirDisplayPrefix() {
        GeneratedKey key = KeyFormat.defaults().generate();

        String masked = SecretMasking.mask("uri=/api/x?api_key=" + key.value() + "&a=1");

        assertThat(masked).doesNotContain(key.value()).contains(key.displayPrefix() + "…[masked]").endsWith("&a=1");
    }

    @Test
    void masksJwtsAndBearerCredentialsAnywhere() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl";

        assertThat(SecretMasking.mask("Authorization:\"Bearer " + jwt + "\", next")).doesNotContain(jwt)
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
