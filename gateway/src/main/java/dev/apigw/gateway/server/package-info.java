/**
 * What the gateway's HTTP server (Reactor Netty) does to a request before Spring sees it: the request
 * target's raw bytes made ASCII ({@link RequestTargetEncoder}), and a body that fails to decode made an
 * error instead of an early end ({@link BodyDecodingGuard}, {@link BodyDecodingFilter}); and how many event
 * loops it runs ({@link EventLoops}).
 */
@NullMarked
package dev.apigw.gateway.server;

import org.jspecify.annotations.NullMarked;
