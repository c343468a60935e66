package dev.apigw.gateway.problem;

import org.springframework.http.codec.ServerCodecConfigurer;

/** Test access to {@link ProblemWriter}'s package-private constructor. */
public final class ProblemWriters {

    private ProblemWriters() {}

    public static ProblemWriter with(ServerCodecConfigurer codecs) {
        return new ProblemWriter(codecs);
    }
}
