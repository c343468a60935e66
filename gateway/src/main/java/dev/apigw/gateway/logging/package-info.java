@NullMarked
package dev.apigw.gateway.logging;

import org.jspecify.annotations.NullMarked;
