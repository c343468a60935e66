package dev.apigw.keyadmin.auth;

import dev.apigw.keyadmin.config.KeyAdminProperties;
import dev.apigw.keyadmin.user.User;
import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Signs access tokens: {@code iss, aud, sub} (user id), {@code iat, exp, jti}, {@code role} and, when
 * the user holds any, {@code scope}: the user's scopes, space-separated. Taking a scope from a user
 * refuses every token issued before ({@code tokens_not_before}), so no token outlives a scope it names.
 *
 * <p>{@code iat} is never earlier than the user's {@code tokens_not_before}: that is set to a whole
 * second just ahead of the change that required it (a password change, say), and a token issued in the
 * rest of that second would otherwise carry an {@code iat} before it and be refused at once.
 */
@Component
public class TokenIssuer {

    public static final String ROLE_CLAIM = "role";
    /** The user's scopes, space-separated (RFC 8693 §4.2, as OAuth servers write it); absent when none. */
    public static final String SCOPE_CLAIM = "scope";

    private final SigningKeys keys;
    private final KeyAdminProperties.Token settings;
    private final Clock clock;

    TokenIssuer(SigningKeys keys, KeyAdminProperties properties, Clock clock) {
        this.keys = keys;
        this.settings = properties.token();
        this.clock = clock;
    }

    public AccessToken issue(User user) {
        Instant now = clock.instant();
        Instant notBefore = user.tokensNotBefore();
        Instant issuedAt = notBefore != null && notBefore.isAfter(now) ? notBefore : now;
        String token = keys.sign(Jwts.builder()
                        .issuer(settings.issuer())
                        .audience()
                        .add(settings.audience())
                        .and()
                        .subject(user.id().toString())
                        .issuedAt(Date.from(issuedAt))
                        .expiration(Date.from(now.plus(settings.ttl())))
                        .id(UUID.randomUUID().toString())
                        .claim(ROLE_CLAIM, user.role().name())
                        .claim(SCOPE_CLAIM, user.scopes().isEmpty() ? null : String.join(" ", user.scopes())))
                .compact();
        return new AccessToken(token, "Bearer", settings.ttl().toSeconds());
    }
}
