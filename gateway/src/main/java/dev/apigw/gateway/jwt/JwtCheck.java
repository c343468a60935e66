package dev.apigw.gateway.jwt;

import dev.apigw.gateway.scope.Scopes;

/** The result of verifying a bearer token. */
public sealed interface JwtCheck {

    /**
     * A token that verified: its subject, and when it was issued ({@code iat}, epoch seconds;
     * {@link Long#MIN_VALUE} when the token has none), and its scopes (read from the claim once, when
     * it verified), and whether the subject is a key-admin-service user (its issuer is that service).
     */
    record Valid(String subject, long issuedAt, Scopes scopes, boolean subjectIsUser) implements JwtCheck {}

    /** Did not verify; {@code why} is for the log only. */
    record Invalid(String why) implements JwtCheck {}
}
