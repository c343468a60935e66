/**
 * One definition of an API key, shared by the key-admin-service (which issues keys) and the gateway
 * (which verifies them). Plain Java: no framework types cross this package's boundary.
 */
@NullMarked
package dev.apigw.keycore;

import org.jspecify.annotations.NullMarked;
