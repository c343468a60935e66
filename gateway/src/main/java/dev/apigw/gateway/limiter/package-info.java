/**
 * Generic request limiting: policies (a rate with a burst, a calendar quota), the decision over all of a
 * caller's policies at once, and three limiters with one contract: {@link dev.apigw.gateway.limiter.RedisLimiter}
 * (one Lua script per decision, shared by every gateway), {@link dev.apigw.gateway.limiter.LocalLimiter}
 * (the same algorithm in memory, one instance) and {@link dev.apigw.gateway.limiter.FailoverLimiter}
 * (the first, falling back to the second while Redis is down or slow). Who is limited, and by how much,
 * is decided elsewhere ({@code ratelimit/}).
 */
@NullMarked
package dev.apigw.gateway.limiter;

import org.jspecify.annotations.NullMarked;
