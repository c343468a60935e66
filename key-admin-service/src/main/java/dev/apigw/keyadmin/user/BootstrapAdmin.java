package dev.apigw.keyadmin.user;

import dev.apigw.keyadmin.config.KeyAdminProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Creates the first administrator from {@code key-admin.bootstrap.*} when the database has no user.
 * There is no built-in default password: without configuration, no one is created and the log says how.
 *
 * <p>Nothing waits for it: it starts when the application is ready, and {@link #ready()} lets a login
 * wait (without blocking) until it is done. A failed attempt is logged and tried again by the next
 * login; a bad configuration fails loudly at start.
 */
@Component
public class BootstrapAdmin {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final KeyAdminProperties.Bootstrap bootstrap;
    private final UserRepository users;
    private final UserService userService;
    private final Mono<Void> done;

    BootstrapAdmin(KeyAdminProperties properties, UserRepository users, UserService userService) {
        this.bootstrap = properties.bootstrap();
        this.users = users;
        this.userService = userService;
        String password = bootstrap.password();
        if (password != null && !password.isBlank() && password.length() < 12) {
            throw new IllegalStateException("key-admin.bootstrap.password must be at least 12 characters long");
        }
        // Success is remembered for good; a failure is forgotten, so the next caller tries again.
        this.done = Mono.defer(this::ensureAdmin)
                .doOnError(error -> log.error("Could not create the first administrator: {}", error.toString()))
                .cache(
                        ignored -> Duration.ofMillis(Long.MAX_VALUE),
                        error -> Duration.ZERO,
                        () -> Duration.ofMillis(Long.MAX_VALUE));
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        done.subscribe(ignored -> {}, error -> {});
    }

    /** Completes once the first administrator exists (or needs no creating). */
    public Mono<Void> ready() {
        return done;
    }

    private Mono<Void> ensureAdmin() {
        return users.anyExists().flatMap(exists -> {
            if (exists) {
                return Mono.empty();
            }
            String username = bootstrap.username();
            String password = bootstrap.password();
            if (username == null || username.isBlank() || password == null || password.isBlank()) {
                log.warn(
                        "No user exists and no first administrator is configured: set key-admin.bootstrap.username"
                                + " and key-admin.bootstrap.password (KEY_ADMIN_BOOTSTRAP_USERNAME / _PASSWORD) to create one.");
                return Mono.empty();
            }
            return userService
                    .create(new NewUser(username, password, Role.ADMIN), null, "bootstrap")
                    .doOnNext(admin -> log.info("Created first administrator '{}' ({})", admin.username(), admin.id()))
                    .onErrorResume(org.springframework.dao.DuplicateKeyException.class, raced -> Mono.empty())
                    .then();
        });
    }
}
