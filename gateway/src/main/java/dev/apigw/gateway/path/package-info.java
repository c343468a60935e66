/**
 * The one canonical form of a request path, decided before routing: {@link PathRule} says which raw
 * paths are canonical, {@link CanonicalPathFilter} refuses the others on every route.
 */
@NullMarked
package dev.apigw.gateway.path;

import org.jspecify.annotations.NullMarked;
