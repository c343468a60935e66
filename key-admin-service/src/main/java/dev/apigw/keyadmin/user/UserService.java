package dev.apigw.keyadmin.user;

import dev.apigw.keyadmin.audit.AuditLog;
import dev.apigw.keyadmin.problem.ApiException;
import dev.apigw.keyadmin.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

@Service
public class UserService {

    private final UserRepository users;
    private final PasswordHasher passwords;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final Clock clock;

    UserService(UserRepository users, PasswordHasher passwords, AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Creates the user and its audit event together; 409 when the name is taken, 400 when the password
     * is over BCrypt's 72 bytes. {@code actorId} is null for the bootstrap administrator.
     */
    public Mono<User> create(NewUser request, @Nullable UUID actorId, String requestId) {
        if (request.password().getBytes(StandardCharsets.UTF_8).length > 72) {
            return Mono.error(ApiException.invalid("password: must be at most 72 bytes in UTF-8."));
        }
        Mono<User> created = passwords
                .hash(request.password())
                .flatMap(hash ->
                        tx.transactional(users.insert(request.username(), hash, request.role(), clock.instant())
                                .flatMap(user -> audit.record(
                                                actorId,
                                                "USER_CREATED",
                                                "USER",
                                                user.id(),
                                                requestId,
                                                user.username() + " as " + user.role())
                                        .thenReturn(user))));
        return created.onErrorMap(
                DuplicateKeyException.class,
                e -> new ApiException(ProblemType.CONFLICT, "User name '" + request.username() + "' is taken."));
    }
}
