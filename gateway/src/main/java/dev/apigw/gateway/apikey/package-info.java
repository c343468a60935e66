/**
 * API keys at the gateway: the key domain and its caching policy. The generic machinery it uses
 * (bounded coalescing reads, batched re-checks, rate budgets, sampled cache reads) is in
 * {@code dev.apigw.gateway.cache}.
 *
 * <p>How a key is checked, step by step:
 * <ol>
 *   <li>{@link dev.apigw.gateway.apikey.ApiKeyVerifier#verify}: format and checksum offline, then the
 *       SHA-256 of the key.</li>
 *   <li>{@link dev.apigw.gateway.apikey.ApiKeyCache#ready}: a cached answer within its ttl is used at
 *       once (and re-checked in the background when due).</li>
 *   <li>{@link dev.apigw.gateway.apikey.KnownKeys#admits}: a key whose hash is not among the stored
 *       keys is refused without a lookup.</li>
 *   <li>{@link dev.apigw.gateway.apikey.ApiKeyCache#lookup}: Caffeine loads the key once however many
 *       requests wait for it, through a {@code CoalescingReader} (reads that wait are merged)...</li>
 *   <li>...into {@link dev.apigw.gateway.apikey.ApiKeyRepository#findByHashes}: one query by hash.</li>
 *   <li>Back in the verifier: revoked, owner disabled or expired against the clock; a valid key's use
 *       is noted for {@code last_used} ({@link dev.apigw.gateway.apikey.LastUsedRecorder}).</li>
 * </ol>
 * Key changes arrive through {@link dev.apigw.gateway.apikey.RevocationListener}, which drops the
 * changed key from the cache and lists new keys among the known ones. Meters:
 * {@link dev.apigw.gateway.apikey.ApiKeyMetrics}.
 */
@NullMarked
package dev.apigw.gateway.apikey;

import org.jspecify.annotations.NullMarked;
