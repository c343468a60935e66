package dev.apigw.gateway.jwt;

import java.time.Instant;

/** A token whose signature and claims checked out: who it names and until when. */
record VerifiedToken(String subject, Instant expiresAt) {}
