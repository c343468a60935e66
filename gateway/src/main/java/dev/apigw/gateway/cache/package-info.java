/**
 * Generic caching machinery, free of any domain: {@link dev.apigw.gateway.cache.CoalescingReader}
 * (bounded reads of a slow store, merged while they wait), {@link dev.apigw.gateway.cache.BatchedRecheck}
 * (background re-checks of cached entries in batches), {@link dev.apigw.gateway.cache.RateBudget} (a
 * lock-free permit rate), {@link dev.apigw.gateway.cache.SampledReads} (hot-path reads of a Caffeine
 * cache that skip most of its read bookkeeping) and {@link dev.apigw.gateway.cache.WeakMemo} (a value
 * derived once per key object, such as a route, read without bookkeeping). Each states its contract; what to cache and why lives
 * in the packages that use them.
 */
@NullMarked
package dev.apigw.gateway.cache;

import org.jspecify.annotations.NullMarked;
