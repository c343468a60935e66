/**
 * Scopes: what an authenticated caller may call. {@link dev.apigw.gateway.scope.Scopes} is a caller's
 * set, worked out once per cached key or verified token; {@link dev.apigw.gateway.scope.ScopeRequirement}
 * and {@link dev.apigw.gateway.scope.RouteScopes} are what a route's metadata asks for, parsed once per
 * route; {@link dev.apigw.gateway.scope.ScopeFilter} compares the two on each request.
 */
@NullMarked
package dev.apigw.gateway.scope;

import org.jspecify.annotations.NullMarked;
