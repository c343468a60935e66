package dev.apigw.gateway.jwt;

import java.time.Instant;

/**
 * A token whose signature and claims checked out: who it names, until when, and when it was issued
 * (epoch seconds, {@link Long#MIN_VALUE} without an {@code iat}).
 */
record VerifiedToken(String subject, Instant expiresAt, long issuedAt) {}
