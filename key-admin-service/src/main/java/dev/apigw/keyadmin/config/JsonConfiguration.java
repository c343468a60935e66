package dev.apigw.keyadmin.config;

import dev.apigw.keyadmin.support.ControlCharacters;
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

    /** No text field of a request body may hold NUL or another control character (400). */
    @Bean
    JsonMapperBuilderCustomizer refuseControlCharacters() {
        return builder -> builder.addModule(ControlCharacters.module());
    }
}
