/**
 * Who is limited and by how much: {@link dev.apigw.gateway.ratelimit.RateLimitFilter} after the scope
 * check, the limits of a caller resolved from its key, its route and the gateway's defaults
 * ({@link dev.apigw.gateway.ratelimit.LimitPlanner}), the draft-ietf-httpapi-ratelimit-headers-11 fields
 * ({@link dev.apigw.gateway.ratelimit.RateLimitFields}) and the 429/503 answers. The counting itself is
 * the generic {@code limiter/} package.
 */
@NullMarked
package dev.apigw.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
