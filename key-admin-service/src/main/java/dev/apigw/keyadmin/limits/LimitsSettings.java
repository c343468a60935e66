package dev.apigw.keyadmin.limits;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the gateways count, under {@code key-admin.rate-limit}: the same store and key prefix as the
 * gateways' {@code gateway.rate-limit.*}, so that the usage endpoint reads their counters.
 *
 * @param store        {@code redis} when the gateways share counters in Redis ({@code spring.data.redis.*});
 *                     {@code local} when each counts in memory (usage is then not available here)
 * @param keyPrefix    the gateways' {@code gateway.rate-limit.key-prefix}
 * @param redisTimeout the longest a usage read waits for Redis before answering without usage
 */
@Validated
@ConfigurationProperties("key-admin.rate-limit")
public record LimitsSettings(
        @NotNull @Pattern(regexp = "local|redis") @DefaultValue("local")
        String store,

        @NotNull @Pattern(regexp = "[A-Za-z0-9:._-]{0,64}") @DefaultValue("apigw:")
        String keyPrefix,

        @NotNull @DefaultValue("500ms") Duration redisTimeout) {

    boolean redis() {
        return "redis".equals(store);
    }
}
