package dev.apigw.keyadmin.user;

import dev.apigw.keyadmin.config.KeyAdminProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Creates the first administrator from {@code key-admin.bootstrap.*} when the database has no user.
 * There is no built-in default password: without configuration, no one is created and the log says how.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final KeyAdminProperties.Bootstrap bootstrap;
    private final UserRepository users;
    private final UserService userService;

    BootstrapAdmin(KeyAdminProperties properties, UserRepository users, UserService userService) {
        this.bootstrap = properties.bootstrap();
        this.users = users;
        this.userService = userService;
    }

    @Override
    public void run(ApplicationArguments args) {
        // Runs once on the main thread during start-up, before the application reports itself ready;
        // waiting here (not on an event loop) makes a failed bootstrap fail the start.
        ensureAdmin().block(Duration.ofSeconds(60));
    }

    Mono<Void> ensureAdmin() {
        return users.anyExists().flatMap(exists -> {
            if (exists) {
                return Mono.empty();
            }
            String username = bootstrap.username();
            String password = bootstrap.password();
            if (username == null || username.isBlank() || password == null || password.isBlank()) {
                log.warn("No user exists and no first administrator is configured: set key-admin.bootstrap.username"
                        + " and key-admin.bootstrap.password (KEY_ADMIN_BOOTSTRAP_USERNAME / _PASSWORD) to create one.");
                return Mono.empty();
            }
            if (password.length() < 12) {
                return Mono.error(new IllegalStateException(
                        "key-admin.bootstrap.password must be at least 12 characters long"));
            }
            return userService.create(new NewUser(username, password, Role.ADMIN), null, "bootstrap")
                    .doOnNext(admin -> log.info("Created first administrator '{}' ({})", admin.username(), admin.id()))
                    .then();
        });
    }
}
