/**
 * Log output with secrets masked, the same in both services: Logback converters that pass the message
 * and the rendered throwable through {@link dev.apigw.keycore.SecretMasking}, wired by
 * {@code dev/apigw/servicesupport/logging/console.xml}, which each service's logback-spring.xml includes.
 */
@NullMarked
package dev.apigw.servicesupport.logging;

import org.jspecify.annotations.NullMarked;
