package dev.apigw.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class HeaderViewTest {

    private final HttpHeaders client = new HttpHeaders();

    HeaderViewTest() {
        client.add("Accept", "application/json");
        client.add("X-User-Id", "spoofed");
        client.add("x-api-key", "gwk_secret");
        client.add("x-request-id", "client's");
        client.add("Via", "1.1 a");
        client.add("Via", "1.1 b");
    }

    private HttpHeaders view() {
        return HeaderView.of(client, List.of("x-user-id", "X-API-KEY"), "X-Request-Id", "req-1");
    }

    @Test
    void hiddenNamesAreNotThereInAnyCase() {
        HttpHeaders view = view();

        for (String name : List.of("X-User-Id", "x-user-id", "X-USER-ID", "X-Api-Key", "x-api-key")) {
            assertThat(view.get(name)).as(name).isNull();
            assertThat(view.containsHeader(name)).as(name).isFalse();
            assertThat(view.getFirst(name)).as(name).isNull();
        }
        assertThat(view.headerNames()).containsExactly("Accept", "Via", "X-Request-Id");
        assertThat(view.size()).isEqualTo(3);
    }

    @Test
    void theSetHeaderReplacesTheClientsInAnyCaseAndComesOnce() {
        HttpHeaders view = view();

        assertThat(view.get("x-request-id")).containsExactly("req-1");
        assertThat(view.get("X-REQUEST-ID")).containsExactly("req-1");
        Map<String, List<String>> seen = new LinkedHashMap<>();
        view.forEach(seen::put);
        assertThat(seen)
                .containsExactly(
                        Map.entry("Accept", List.of("application/json")),
                        Map.entry("Via", List.of("1.1 a", "1.1 b")),
                        Map.entry("X-Request-Id", List.of("req-1")));
    }

    @Test
    void aCopyIsWhatTheViewShows() {
        HttpHeaders copy = HttpHeaders.copyOf(view());

        assertThat(copy.headerNames()).containsExactly("Accept", "Via", "X-Request-Id");
        assertThat(copy.get("Via")).containsExactly("1.1 a", "1.1 b");
        assertThat(copy.asMultiValueMap().toSingleValueMap()).containsEntry("X-Request-Id", "req-1");
        assertThat(view().asMultiValueMap().toSingleValueMap())
                .containsExactly(
                        Map.entry("Accept", "application/json"),
                        Map.entry("Via", "1.1 a"),
                        Map.entry("X-Request-Id", "req-1"));
    }

    @Test
    void itReadsThroughRatherThanCopying() {
        HttpHeaders view = view();

        client.add("X-Late", "later");

        assertThat(view.getFirst("X-Late")).isEqualTo("later");
    }

    @Test
    void refusesEveryChange() {
        HttpHeaders view = view();

        assertThatThrownBy(() -> view.set("X-User-Id", "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> view.add("A", "b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> view.remove("Accept")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(client.getFirst("Accept")).isEqualTo("application/json");
    }

    @Test
    void checksItsArguments() {
        assertThatThrownBy(() -> HeaderView.of(client, List.of(), "X-Request-Id", null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> HeaderView.of(null, List.of(), "X-Request-Id", "v"))
                .isInstanceOf(NullPointerException.class);
    }
}
