package dev.apigw.bench.peer.stock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Spring Cloud Gateway out of the box: no code but this, one route in application.yml. */
@SpringBootApplication
public class StockGateway {

    public static void main(String[] args) {
        SpringApplication.run(StockGateway.class, args);
    }
}
