package dev.apigw.keyadmin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class KeyAdminApplication {

    public static void main(String[] args) {
        SpringApplication.run(KeyAdminApplication.class, args);
    }
}
