package dev.apigw.keyadmin.config;

import dev.apigw.keycore.KeyFormat;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class KeyFormatConfiguration {

    @Bean
    KeyFormat keyFormat(KeyAdminProperties properties) {
        return new KeyFormat(properties.keys().type(), KeyFormat.DEFAULT_SECRET_LENGTH);
    }
}
