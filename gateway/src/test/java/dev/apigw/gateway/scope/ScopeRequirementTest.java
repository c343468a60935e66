package dev.apigw.gateway.scope;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScopeRequirementTest {

    @Test
    void anyOfNeedsOneAllOfNeedsEvery() {
        ScopeRequirement any = ScopeRequirement.parse("orders:read | orders:admin");
        ScopeRequirement all = ScopeRequirement.parse("orders:write&billing:write");

        assertThat(any.satisfiedBy(Scopes.of("orders:admin"))).isTrue();
        assertThat(any.satisfiedBy(Scopes.of("orders:write"))).isFalse();
        assertThat(all.satisfiedBy(Scopes.of("orders:write"))).isFalse();
        assertThat(all.satisfiedBy(Scopes.of("billing:write", "orders:write", "x")))
                .isTrue();
        assertThat(all.scopes()).isEqualTo("orders:write billing:write");
    }

    @Test
    void namesAreComparedExactly() {
        ScopeRequirement read = ScopeRequirement.parse(" orders:read ");

        assertThat(read.satisfiedBy(Scopes.of("orders:read"))).isTrue();
        assertThat(read.satisfiedBy(Scopes.of("ORDERS:READ"))).isFalse();
        assertThat(read.satisfiedBy(Scopes.parse("orders:read\t"))).isFalse();
        assertThat(read.satisfiedBy(Scopes.parse("orders:reads orders"))).isFalse();
    }
}
