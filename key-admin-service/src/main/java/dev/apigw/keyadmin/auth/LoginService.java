package dev.apigw.keyadmin.auth;

import dev.apigw.keyadmin.audit.AuditLog;
import dev.apigw.keyadmin.problem.ApiException;
import dev.apigw.keyadmin.problem.ProblemType;
import dev.apigw.keyadmin.user.BootstrapAdmin;
import dev.apigw.keyadmin.user.PasswordHasher;
import dev.apigw.keyadmin.user.User;
import dev.apigw.keyadmin.user.UserRepository;
import dev.apigw.keycore.SecretMasking;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Exchanges a user name and password for an access token. An unknown user, a wrong password and a
 * disabled user get the same {@link ApiException} after the same BCrypt work, so neither the answer
 * nor its timing tells which user names exist; the reason goes to the log.
 *
 * <p>The log names a known user by id, never by the name presented: a user name can be a mistyped
 * password, or carry line breaks that forge log lines. An unknown name is logged masked, with
 * unprintable characters replaced and cut to {@value #LOGGED_NAME_LENGTH} characters.
 */
@Service
class LoginService {

    static final int LOGGED_NAME_LENGTH = 32;

    private static final Logger log = LoggerFactory.getLogger(LoginService.class);
    /** Controls (CR, LF, NUL, ESC…), invisible format characters (bidi overrides) and line separators. */
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");

    private final UserRepository users;
    private final PasswordHasher passwords;
    private final TokenIssuer issuer;
    private final AuditLog audit;
    private final BootstrapAdmin bootstrap;

    LoginService(
            UserRepository users,
            PasswordHasher passwords,
            TokenIssuer issuer,
            AuditLog audit,
            BootstrapAdmin bootstrap) {
        this.users = users;
        this.passwords = passwords;
        this.issuer = issuer;
        this.audit = audit;
        this.bootstrap = bootstrap;
    }

    Mono<AccessToken> login(LoginRequest request, String requestId) {
        return bootstrap
                .ready()
                .then(users.findByUsername(request.username()))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(found -> passwords
                        .matchesOrBurn(
                                request.password(),
                                found.map(User::passwordHash).orElse(null))
                        .flatMap(matches -> answer(found, matches, request.username(), requestId)));
    }

    private Mono<AccessToken> answer(Optional<User> found, boolean matches, String username, String requestId) {
        if (found.isEmpty()) {
            log.info("Failed login: no user named '{}' (request {})", loggable(username), requestId);
            return invalidCredentials();
        }
        User user = found.get();
        if (!matches) {
            log.info("Failed login for user {}: wrong password (request {})", user.id(), requestId);
            return invalidCredentials();
        }
        if (!user.enabled()) {
            log.info("Failed login for user {}: disabled (request {})", user.id(), requestId);
            return invalidCredentials();
        }
        return audit.record(user.id(), "LOGIN", "USER", user.id(), requestId, null)
                .thenReturn(issuer.issue(user));
    }

    private static Mono<AccessToken> invalidCredentials() {
        return Mono.error(new ApiException(ProblemType.INVALID_CREDENTIALS, "Username or password is wrong."));
    }

    /** Masked before it is cut, so that a cut cannot leave most of a key unrecognisable as one. */
    static String loggable(String username) {
        String printable = UNPRINTABLE.matcher(SecretMasking.mask(username)).replaceAll("?");
        if (printable.codePointCount(0, printable.length()) <= LOGGED_NAME_LENGTH) {
            return printable;
        }
        return printable.substring(0, printable.offsetByCodePoints(0, LOGGED_NAME_LENGTH)) + "…";
    }
}
