package dev.apigw.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class ReadyTest {

    @Test
    void aValueAlreadyHeldIsTakenAtOnce() {
        assertThat(Ready.now(Mono.just("decided"))).isEqualTo("decided");
    }

    @Test
    void anythingThatStillHasToRunIsLeftToTheOperators() {
        assertThat(Ready.now(Mono.defer(() -> Mono.just("later")))).isNull();
        assertThat(Ready.now(Mono.fromCallable(() -> "later"))).isNull();
        assertThat(Ready.now(Mono.just("decided").map(String::length))).isNull();
        assertThat(Ready.now(Mono.just("decided").delayElement(Duration.ofDays(1))))
                .isNull();
    }

    @Test
    void errorsAndEmptinessAreLeftToTheOperators() {
        Mono<String> failed = Mono.error(new IllegalStateException("signalled, not thrown"));
        assertThat(Ready.now(failed)).isNull();
        assertThat(Ready.now(Mono.<String>empty())).isNull();
    }
}
