/**
 * What the gateway (which counts) and key-admin-service (which shows a key's usage) must agree on about
 * rate-limit counters: the Redis key names and the UTC calendar windows of quotas. Plain Java.
 */
@NullMarked
package dev.apigw.keycore.limits;

import org.jspecify.annotations.NullMarked;
