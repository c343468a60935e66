@NullMarked
package dev.apigw.gateway.config;

import org.jspecify.annotations.NullMarked;
