@NullMarked
package dev.apigw.gateway.auth;

import org.jspecify.annotations.NullMarked;
