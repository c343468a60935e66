@NullMarked
package dev.apigw.gateway.jwt;

import org.jspecify.annotations.NullMarked;
