package dev.apigw.gateway.support;

import dev.apigw.gateway.support.TestKeys.StoredKey;
import dev.apigw.testsupport.Eventually;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * New keys whose creation notice the gateway has already received. The notice removes the key's cache
 * entry when it arrives (the listener does that for every notice), so a test that relies on a key
 * staying cached — e.g. across a revocation whose notice is suppressed, or a database outage — must
 * not put it in the cache before then. (The race: the first use caches the key, the late notice drops
 * it, and the next use reads the database afresh.)
 */
public final class NoticedKeys {

    private NoticedKeys() {}

    /** A new key of a new user, once the gateway behind {@code gatewayMeters} knows of it from its notice. */
    public static StoredKey create(TestKeys keys, MeterRegistry gatewayMeters) {
        // Only a notice (or a lookup, which the key has not had yet) adds a hash to the set of known keys.
        double known = knownKeys(gatewayMeters);
        StoredKey key = keys.key();
        Eventually.holds(
                Duration.ofSeconds(5),
                "the gateway receives the new key's notice",
                () -> knownKeys(gatewayMeters) > known);
        return key;
    }

    private static double knownKeys(MeterRegistry meters) {
        return meters.get("gateway.auth.apikey.known").gauge().value();
    }
}
