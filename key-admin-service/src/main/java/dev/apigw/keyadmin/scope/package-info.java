/** Scope names: their syntax, and checking a requested set against what its holder may grant. */
@NullMarked
package dev.apigw.keyadmin.scope;

import org.jspecify.annotations.NullMarked;
