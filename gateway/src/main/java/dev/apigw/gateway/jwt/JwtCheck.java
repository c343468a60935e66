package dev.apigw.gateway.jwt;

/** The result of verifying a bearer token. */
public sealed interface JwtCheck {

    record Valid(String subject) implements JwtCheck {}

    /** Did not verify; {@code why} is for the log only. */
    record Invalid(String why) implements JwtCheck {}
}
