package dev.apigw.gateway.auth;

/**
 * Why a request was not authenticated: the real reason, for logs and metrics. Clients see only what
 * {@code AuthProblems} maps it to, which is deliberately coarser.
 */
public enum FailureReason {
    /** No bearer token and no API key. */
    MISSING_CREDENTIALS,
    /** More than one Authorization or API-key header. */
    DUPLICATE_CREDENTIALS,
    /** An API key in the query string, where it leaks into logs. */
    KEY_IN_QUERY,
    /** A bearer token that did not verify (signature, algorithm, claims, format). */
    INVALID_TOKEN,
    /**
     * A verified token of key-admin-service's issuer whose subject is not a usable user (unknown,
     * disabled, deleted), or issued before the user's tokens were withdrawn (a password or role change).
     */
    LOCKED_OUT_TOKEN,
    /** An API key that fails the offline format or checksum check. */
    MALFORMED_KEY,
    UNKNOWN_KEY,
    REVOKED_KEY,
    EXPIRED_KEY,
    /** The key's owner is disabled. */
    DISABLED_USER,
    /** The key could not be checked: database down or too many lookups in flight, and nothing cached. */
    KEY_STORE_UNAVAILABLE
}
