package dev.apigw.gateway.jwt;

import dev.apigw.gateway.scope.Scopes;
import java.time.Instant;

/**
 * A token whose signature and claims checked out: who it names, until when, and when it was issued
 * (epoch seconds, {@link Long#MIN_VALUE} without an {@code iat}), the scopes it carries, and whether its
 * issuer's subjects are key-admin-service users (whose lock-outs then apply).
 */
record VerifiedToken(String subject, Instant expiresAt, long issuedAt, Scopes scopes, boolean subjectIsUser) {}
