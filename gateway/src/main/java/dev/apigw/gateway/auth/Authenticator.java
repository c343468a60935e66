package dev.apigw.gateway.auth;

import dev.apigw.gateway.apikey.ApiKeyVerifier;
import dev.apigw.gateway.config.JwtProperties;
import dev.apigw.gateway.jwt.JwtCheck;
import dev.apigw.gateway.jwt.JwtVerifier;
import dev.apigw.gateway.user.UserStates;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The decision: a valid bearer token first; failing that, the API key; failing both, the most telling
 * reason. Never emits an error.
 */
@Component
class Authenticator {

    private final JwtVerifier jwt;
    private final ApiKeyVerifier apiKeys;
    private final UserStates users;
    private final boolean jwtEnabled;

    Authenticator(JwtVerifier jwt, ApiKeyVerifier apiKeys, UserStates users, JwtProperties jwtSettings) {
        this.jwt = jwt;
        this.apiKeys = apiKeys;
        this.users = users;
        this.jwtEnabled = jwtSettings.enabled();
    }

    Mono<AuthOutcome> authenticate(Credentials credentials) {
        if (credentials.problem() != null) {
            return Mono.just(AuthOutcome.rejected(credentials.problem(), null));
        }
        String token = jwtEnabled ? credentials.bearerToken() : null;
        if (token == null) {
            return byApiKey(credentials, FailureReason.MISSING_CREDENTIALS);
        }
        Mono<JwtCheck> verification = jwt.verify(token);
        JwtCheck checked = Ready.now(verification); // a token verified before: no operator to go through
        return checked != null
                ? afterToken(checked, credentials)
                : verification.flatMap(check -> afterToken(check, credentials));
    }

    private Mono<AuthOutcome> afterToken(JwtCheck check, Credentials credentials) {
        if (check instanceof JwtCheck.Valid valid) {
            if (!valid.subjectIsUser() || users.admits(valid.subject(), valid.issuedAt())) {
                return Mono.just(new AuthOutcome.Authenticated(valid.subject(), AuthMethod.JWT, null, valid.scopes()));
            }
            return byApiKey(credentials, FailureReason.LOCKED_OUT_TOKEN);
        }
        return byApiKey(credentials, FailureReason.INVALID_TOKEN);
    }

    private Mono<AuthOutcome> byApiKey(Credentials credentials, FailureReason otherwise) {
        if (credentials.apiKey() == null) {
            return Mono.just(AuthOutcome.rejected(
                    otherwise,
                    otherwise == FailureReason.INVALID_TOKEN || otherwise == FailureReason.LOCKED_OUT_TOKEN
                            ? AuthMethod.JWT
                            : null));
        }
        return apiKeys.verify(credentials.apiKey());
    }
}
