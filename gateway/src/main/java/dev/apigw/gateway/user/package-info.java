/**
 * key-admin-service's users as the gateway sees them: who may still hold valid tokens
 * ({@link dev.apigw.gateway.user.UserStates}), kept current by
 * {@link dev.apigw.gateway.user.UserChanges}.
 */
@NullMarked
package dev.apigw.gateway.user;

import org.jspecify.annotations.NullMarked;
