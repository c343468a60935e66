/**
 * What the gateway's HTTP server (Reactor Netty) does to a request before Spring sees it: the request
 * target's raw bytes made ASCII ({@link RequestTargetEncoder}).
 */
@NullMarked
package dev.apigw.gateway.server;

import org.jspecify.annotations.NullMarked;
