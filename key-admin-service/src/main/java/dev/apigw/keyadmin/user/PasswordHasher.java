package dev.apigw.keyadmin.user;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * BCrypt, run off the event loop: a hash costs tens of milliseconds of CPU by design.
 * {@link #matchesOrBurn} spends the same time whether or not the user exists, so that response time
 * does not tell which user names are taken.
 */
@Component
public class PasswordHasher {

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(10);
    /** A hash of a random password, checked against when there is no user, to spend the same time. */
    private final String decoy = encoder.encode(java.util.UUID.randomUUID().toString());

    public Mono<String> hash(String password) {
        return Mono.fromCallable(() -> encoder.encode(password)).subscribeOn(Schedulers.boundedElastic());
    }

    /** True when {@code password} matches {@code hash}; a null hash burns the same time and answers false. */
    public Mono<Boolean> matchesOrBurn(String password, @org.jspecify.annotations.Nullable String hash) {
        return Mono.fromCallable(() -> {
                    boolean matches = encoder.matches(password, hash == null ? decoy : hash);
                    return hash != null && matches;
                })
                .subscribeOn(Schedulers.boundedElastic());
    }
}
