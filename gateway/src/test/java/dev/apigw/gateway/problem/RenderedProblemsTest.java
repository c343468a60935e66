package dev.apigw.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A pre-rendered problem is the same response as one encoded per request. */
class RenderedProblemsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ProblemWriter writer = new ProblemWriter(ServerCodecConfigurer.create());

    @ParameterizedTest
    @EnumSource(GatewayProblem.class)
    void everyProblemRendersAsTheEncoderWritesIt(GatewayProblem problem) {
        MockServerWebExchange rendered = exchange();
        MockServerWebExchange encoded = exchange();

        writer.write(rendered, problem, headers -> headers.add(HttpHeaders.WWW_AUTHENTICATE, "Bearer"))
                .block();
        writer.write(
                        encoded,
                        problem,
                        problem.detail(),
                        Map.of(),
                        headers -> headers.add(HttpHeaders.WWW_AUTHENTICATE, "Bearer"))
                .block();

        assertThat(rendered.getResponse().getStatusCode()).isEqualTo(problem.status());
        assertThat(rendered.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(rendered.getResponse().getHeaders().get(HttpHeaders.WWW_AUTHENTICATE))
                .containsExactly("Bearer");
        String body = rendered.getResponse().getBodyAsString().block();
        assertThat(rendered.getResponse().getHeaders().getContentLength()).isEqualTo(body.getBytes().length);
        JsonNode fast = JSON.readTree(body);
        assertThat(fast)
                .isEqualTo(JSON.readTree(encoded.getResponse().getBodyAsString().block()));
        assertThat(fast.get("request_id").asString()).isEqualTo("req-1.a_B");
        assertThat(fast.get("code").asString()).isEqualTo(problem.code());
        assertThat(fast.get("status").asInt()).isEqualTo(problem.status().value());
    }

    private static MockServerWebExchange exchange() {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/x").header(RequestIdFilter.HEADER, "req-1.a_B"));
        new RequestIdFilter()
                .filter(exchange, ignored -> reactor.core.publisher.Mono.empty())
                .block();
        return exchange;
    }
}
