/**
 * Which headers stop at the gateway: hop-by-hop headers in both directions, and a client's own
 * forwarding headers. Spring Cloud Gateway's three filters for this each copied every header of every
 * request (and the hop-by-hop one every response); here one rule set does it without a copy where
 * nothing is removed ({@link ProxyHeaderPolicy}, {@link ProxyHeadersRegistrar},
 * {@link ResponseHopByHopFilter}); and {@link HeaderView}, a request's headers without some names and
 * with one set, read through instead of copied.
 */
@NullMarked
package dev.apigw.gateway.proxy;

import org.jspecify.annotations.NullMarked;
