/**
 * A key's own rate limit and quota (#23): admins set, change and remove them (audited; every gateway
 * hears of it on the key change channel), and a key's owner reads them with the key's current usage,
 * read from the same Redis counters the gateways count in (names and windows from key-core's
 * {@code limits} package).
 */
@NullMarked
package dev.apigw.keyadmin.limits;

import org.jspecify.annotations.NullMarked;
