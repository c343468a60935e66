package dev.apigw.keyadmin.reliability;

import dev.apigw.keyadmin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;

/** Issue #22: the production profile serves no API description and no try-it page. */
@ActiveProfiles("prod")
class ProdProfileIT extends IntegrationTest {

    @Test
    void noOpenApiDocumentAndNoSwaggerUi() {
        client.get().uri("/v3/api-docs").exchange().expectStatus().isNotFound();
        client.get().uri("/swagger-ui.html").exchange().expectStatus().isNotFound();
    }

    @Test
    void theJwksIsStillPublished() {
        client.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk();
    }
}
