package dev.apigw.gateway;

import dev.apigw.gateway.server.EventLoops;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        EventLoops.defaultToProcessors(
                System.getProperties(), Runtime.getRuntime().availableProcessors());
        SpringApplication.run(GatewayApplication.class, args);
    }
}
