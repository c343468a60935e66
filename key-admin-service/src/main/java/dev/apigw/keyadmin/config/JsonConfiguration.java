package dev.apigw.keyadmin.config;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;

/** Strict JSON reading beyond the properties in application.yml. */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    /** {@code {"description":"a","description":"b"}} is ambiguous: refuse it instead of keeping the last. */
    @Bean
    JsonMapperBuilderCustomizer strictDuplicates() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
}
