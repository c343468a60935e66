package dev.apigw.gateway.jwt;

/** The result of verifying a bearer token. */
public sealed interface JwtCheck {

    /**
     * A token that verified: its subject, and when it was issued ({@code iat}, epoch seconds;
     * {@link Long#MIN_VALUE} when the token has none).
     */
    record Valid(String subject, long issuedAt) implements JwtCheck {}

    /** Did not verify; {@code why} is for the log only. */
    record Invalid(String why) implements JwtCheck {}
}
