package dev.apigw.keyadmin.auth;

import dev.apigw.keyadmin.audit.AuditLog;
import dev.apigw.keyadmin.problem.ApiException;
import dev.apigw.keyadmin.problem.ProblemType;
import dev.apigw.keyadmin.user.BootstrapAdmin;
import dev.apigw.keyadmin.user.PasswordHasher;
import dev.apigw.keyadmin.user.User;
import dev.apigw.keyadmin.user.UserRepository;
import dev.apigw.keycore.SecretMasking;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
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
 *
 * <p>Guessing is throttled by {@link LoginThrottle}: every attempt is counted before the user is looked up,
 * and a name or address that tried too often is refused before any BCrypt work is done, with the same
 * answer whether the user exists.
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
    private final LoginThrottle throttle;

    LoginService(
            UserRepository users,
            PasswordHasher passwords,
            TokenIssuer issuer,
            AuditLog audit,
            BootstrapAdmin bootstrap,
            LoginThrottle throttle) {
        this.users = users;
        this.passwords = passwords;
        this.issuer = issuer;
        this.audit = audit;
        this.bootstrap = bootstrap;
        this.throttle = throttle;
    }

    /** {@code client} is the caller's address, or null when it cannot be told (see {@link ClientAddresses}). */
    Mono<AccessToken> login(LoginRequest request, @Nullable InetAddress client, String requestId) {
        List<LoginThrottle.Key> keys = throttle.keys(request.username(), client);
        return bootstrap
                .ready()
                .then(throttle.attempt(keys, requestId))
                .flatMap(LoginService::<AccessToken>tooManyAttempts)
                .switchIfEmpty(Mono.defer(() -> attempt(request, keys, requestId)));
    }

    private Mono<AccessToken> attempt(LoginRequest request, List<LoginThrottle.Key> keys, String requestId) {
        return users.findByUsername(request.username())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(found -> passwords
                        .matchesOrBurn(
                                request.password(),
                                found.map(User::passwordHash).orElse(null))
                        .flatMap(matches -> answer(found, matches, request.username(), keys, requestId)));
    }

    private Mono<AccessToken> answer(
            Optional<User> found, boolean matches, String username, List<LoginThrottle.Key> keys, String requestId) {
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
        return throttle.succeeded(keys)
                .then(audit.record(user.id(), "LOGIN", "USER", user.id(), requestId, null))
                .thenReturn(issuer.issue(user));
    }

    /** Every failure costs the same: the attempt was counted before, whichever the reason. */
    private Mono<AccessToken> invalidCredentials() {
        return Mono.error(new ApiException(ProblemType.INVALID_CREDENTIALS, "Username or password is wrong."));
    }

    static <T> Mono<T> tooManyAttempts(Duration retryAfter) {
        return Mono.error(new ApiException(
                ProblemType.TOO_MANY_ATTEMPTS,
                "Too many failed logins for this user name or from this address; retry after " + retryAfter.toSeconds()
                        + " s.",
                retryAfter));
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
