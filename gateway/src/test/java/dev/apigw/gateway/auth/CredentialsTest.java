package dev.apigw.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class CredentialsTest {

    @Test
    void readsBearerTokenInAnyLetterCase() {
        Credentials credentials = Credentials.from(
                MockServerHttpRequest.get("/api/x")
                        .header("Authorization", "bEaReR  abc.def.ghi ")
                        .build(),
                "x-api-key");

        assertThat(credentials.bearerToken()).isEqualTo("abc.def.ghi");
        assertThat(credentials.apiKey()).isNull();
        assertThat(credentials.problem()).isNull();
    }

    @Test
    void readsApiKeyFromItsHeaderInAnyLetterCase() {
        Credentials credentials = Credentials.from(
                MockServerHttpRequest.get("/api/x")
                        .header("X-API-KEY", "gwk_abc")
                        .build(),
                "x-api-key");

        assertThat(credentials.apiKey()).isEqualTo("gwk_abc");
    }

    @Test
    void otherAuthorizationSchemesAreNotBearerTokens() {
        Credentials credentials = Credentials.from(
                MockServerHttpRequest.get("/api/x")
                        .header("Authorization", "Basic YTpi")
                        .build(),
                "x-api-key");

        assertThat(credentials.bearerToken()).isNull();
        assertThat(credentials.problem()).isNull();
    }

    @Test
    void emptyValuesCountAsAbsent() {
        Credentials credentials = Credentials.from(
                MockServerHttpRequest.get("/api/x")
                        .header("Authorization", "Bearer ")
                        .header("x-api-key", "  ")
                        .build(),
                "x-api-key");

        assertThat(credentials.bearerToken()).isNull();
        assertThat(credentials.apiKey()).isNull();
    }

    @Test
    void twoApiKeyHeadersAreAmbiguous() {
        Credentials credentials = Credentials.from(
                MockServerHttpRequest.get("/api/x")
                        .header("x-api-key", "gwk_a")
                        .header("X-Api-Key", "gwk_b")
                        .build(),
                "x-api-key");

        assertThat(credentials.problem()).isEqualTo(FailureReason.DUPLICATE_CREDENTIALS);
    }

    @Test
    void twoAuthorizationHeadersAreAmbiguous() {
        Credentials credentials = Credentials.from(
                MockServerHttpRequest.get("/api/x")
                        .header("Authorization", "Bearer a", "Bearer b")
                        .build(),
                "x-api-key");

        assertThat(credentials.problem()).isEqualTo(FailureReason.DUPLICATE_CREDENTIALS);
    }

    @Test
    void ordinaryQueryParametersAreLeftAlone() {
        Credentials credentials = Credentials.from(
                MockServerHttpRequest.get("/api/x?key=user-42&page=2")
                        .header("x-api-key", "gwk_a")
                        .build(),
                "x-api-key");

        assertThat(credentials.problem()).isNull();
    }

    @Test
    void keyInQueryStringIsRefusedWhateverItsSpelling() {
        for (String parameter : new String[] {"api_key", "API_KEY", "apikey", "Api-Key", "x-api-key"}) {
            Credentials credentials = Credentials.from(
                    MockServerHttpRequest.get("/api/x?" + parameter + "=gwk_abc")
                            .build(),
                    "x-api-key");

            assertThat(credentials.problem()).as(parameter).isEqualTo(FailureReason.KEY_IN_QUERY);
        }
    }
}
