package dev.apigw.gateway.scope;

import dev.apigw.gateway.problem.ProblemWriter;
import dev.apigw.gateway.support.Settings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Constructor;
import org.springframework.http.codec.ServerCodecConfigurer;

/** Builds the real ScopeFilter, for in-process benchmarks only. */
public final class BenchScopes {

    private BenchScopes() {}

    public static ScopeFilter filter() throws ReflectiveOperationException {
        Constructor<ProblemWriter> writer = ProblemWriter.class.getDeclaredConstructor(ServerCodecConfigurer.class);
        writer.setAccessible(true);
        return new ScopeFilter(
                writer.newInstance(ServerCodecConfigurer.create()), Settings.auth(), new SimpleMeterRegistry());
    }
}
