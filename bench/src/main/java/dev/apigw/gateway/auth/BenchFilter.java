package dev.apigw.gateway.auth;

import dev.apigw.gateway.apikey.ApiKeyVerifier;
import dev.apigw.gateway.config.ApiKeyProperties;
import dev.apigw.gateway.config.AuthProperties;
import dev.apigw.gateway.config.JwtProperties;
import dev.apigw.gateway.jwt.JwtVerifier;
import dev.apigw.gateway.problem.ProblemWriter;
import dev.apigw.gateway.support.Settings;
import dev.apigw.gateway.user.UserStates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Constructor;
import java.util.Map;
import org.springframework.http.codec.ServerCodecConfigurer;

/** Builds the real AuthenticationFilter around given verifiers, for in-process benchmarks only. */
public final class BenchFilter {

    private static final AuthProperties AUTH = Settings.auth();
    private static final ApiKeyProperties KEYS = Settings.apiKeys(Map.of("cache-max-size", "100000"));

    private BenchFilter() {}

    public static AuthenticationFilter create(ApiKeyVerifier apiKeys, JwtVerifier jwt, JwtProperties jwtSettings)
            throws ReflectiveOperationException {
        Constructor<ProblemWriter> writer = ProblemWriter.class.getDeclaredConstructor(ServerCodecConfigurer.class);
        writer.setAccessible(true);
        return new AuthenticationFilter(
                identityHeaders(),
                new Authenticator(jwt, apiKeys, new UserStates(), jwtSettings),
                writer.newInstance(ServerCodecConfigurer.create()),
                new SimpleMeterRegistry(),
                AUTH,
                KEYS);
    }

    /** The header filter that sets the identity on the request as it leaves the gateway. */
    public static IdentityHeadersFilter identityHeadersFilter() {
        return new IdentityHeadersFilter(identityHeaders());
    }

    private static IdentityHeaders identityHeaders() {
        return new IdentityHeaders(AUTH, KEYS);
    }
}
