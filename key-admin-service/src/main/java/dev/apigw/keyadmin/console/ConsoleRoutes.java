package dev.apigw.keyadmin.console;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The web console: static files from this jar ({@code classpath:/static/console/}, served by Spring's
 * resource handler) calling the JSON API. {@code /console} and {@code /console/} both open its page, so
 * that relative asset URLs resolve under {@code /console/}.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleRoutes {

    static final String PATH = "/console";
    private static final Resource PAGE = new ClassPathResource("static/console/index.html");

    @Bean
    RouterFunction<ServerResponse> consolePage() {
        return RouterFunctions.route()
                .GET(
                        PATH,
                        request -> ServerResponse.permanentRedirect(URI.create(PATH + "/"))
                                .build())
                .GET(
                        PATH + "/",
                        request -> ServerResponse.ok()
                                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                                .bodyValue(PAGE))
                .build();
    }
}
