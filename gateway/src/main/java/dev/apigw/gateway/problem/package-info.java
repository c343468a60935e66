@NullMarked
package dev.apigw.gateway.problem;

import org.jspecify.annotations.NullMarked;
