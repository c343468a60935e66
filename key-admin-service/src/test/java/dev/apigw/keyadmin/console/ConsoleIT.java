package dev.apigw.keyadmin.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.keyadmin.support.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Issue #25: the console's page and every file it loads come from this service's own classpath (the
 * jar), under browser protections as strict as the API's: a Content-Security-Policy allowing no inline
 * code and no framing, nosniff, and no external address, storage or HTML injection in its code.
 */
class ConsoleIT extends IntegrationTest {

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"#]+)\"");
    private static final Pattern IMPORT = Pattern.compile("(?:from|import)\\s+'(\\./[^']+|\\.\\./[^']+)'");

    @Test
    void thePageCarriesAStrictContentSecurityPolicyAndNoInlineCode() {
        EntityExchangeResult<String> page = get("/console/");

        assertThat(page.getStatus().value()).isEqualTo(200);
        assertThat(page.getResponseHeaders().getContentType()).hasToString("text/html;charset=UTF-8");
        String policy = page.getResponseHeaders().getFirst("Content-Security-Policy");
        assertThat(policy)
                .contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*");
        assertThat(page.getResponseHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.getResponseHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.getResponseHeaders().getFirst(HttpHeaders.CACHE_CONTROL))
                .isEqualTo("no-store");
        String html = page.getResponseBody();
        assertThat(html)
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)")
                .doesNotContainPattern("\\son[a-z]+=")
                .doesNotContain("<style", " style=");
    }

    @Test
    void everyAssetIsServedFromTheJarWithTheSameProtectionsAndNothingExternal() throws IOException {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        pending.add("index.html");
        while (!pending.isEmpty()) {
            String asset = pending.removeFirst();
            if (!seen.add(asset)) {
                continue;
            }
            EntityExchangeResult<String> served = get("/console/" + asset);
            assertThat(served.getStatus().value()).as(asset).isEqualTo(200);
            assertThat(served.getResponseHeaders().getFirst("X-Content-Type-Options"))
                    .as(asset)
                    .isEqualTo("nosniff");
            assertThat(served.getResponseHeaders().getFirst("Content-Security-Policy"))
                    .as(asset)
                    .contains("frame-ancestors 'none'");
            String body = served.getResponseBody();
            assertThat(body).as(asset).isEqualTo(classpath("static/console/" + asset));
            assertThat(body)
                    .as(asset + " loads nothing from elsewhere, stores nothing, injects no HTML")
                    .doesNotContainPattern(
                            "https?://(?!www\\.w3\\.org/2000/svg\")|//[a-z0-9.-]+\\.[a-z]{2,}/(?!2000/svg\")")
                    .doesNotContainPattern("\\.innerHTML|outerHTML|insertAdjacentHTML|document\\.write")
                    .doesNotContainPattern("localStorage\\.|sessionStorage\\.|indexedDB|document\\.cookie")
                    .doesNotContainPattern("\\beval\\(|new Function\\(");
            if (asset.endsWith(".js")) {
                assertThat(served.getResponseHeaders().getContentType().toString())
                        .as(asset)
                        .contains("javascript");
            }
            references(asset, body).forEach(pending::add);
        }
        assertThat(seen).contains("index.html", "console.css", "js/app.js", "js/pages/keys.js");
    }

    @Test
    void theBarePathRedirectsToThePageAndAMissingAssetIsAProblemUnderTheSamePolicy() {
        EntityExchangeResult<String> bare = get("/console");
        assertThat(bare.getStatus().value()).isEqualTo(308);
        assertThat(bare.getResponseHeaders().getLocation()).hasToString("/console/");

        EntityExchangeResult<String> missing = get("/console/js/missing.js");
        assertThat(missing.getStatus().value()).isEqualTo(404);
        assertThat(missing.getResponseHeaders().getFirst("Content-Security-Policy"))
                .contains("frame-ancestors 'none'");
        assertThat(missing.getResponseHeaders().getFirst("X-Content-Type-Options"))
                .isEqualTo("nosniff");
    }

    private EntityExchangeResult<String> get(String path) {
        return client.get().uri(path).exchange().expectBody(String.class).returnResult();
    }

    /** The files an asset loads, relative to /console/. */
    private static Set<String> references(String asset, String body) {
        Set<String> found = new LinkedHashSet<>();
        String dir = asset.contains("/") ? asset.substring(0, asset.lastIndexOf('/') + 1) : "";
        Matcher matcher = (asset.endsWith(".html") ? ASSET : IMPORT).matcher(body);
        while (matcher.find()) {
            String reference = matcher.group(1);
            if (!reference.startsWith("#")) {
                found.add(java.net
                        .URI
                        .create("x:/" + dir)
                        .resolve(reference)
                        .getPath()
                        .substring(1));
            }
        }
        return found;
    }

    private static String classpath(String name) throws IOException {
        try (InputStream in = ConsoleIT.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
