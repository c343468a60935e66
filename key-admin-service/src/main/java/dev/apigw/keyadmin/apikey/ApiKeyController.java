package dev.apigw.keyadmin.apikey;

import dev.apigw.keyadmin.auth.Caller;
import dev.apigw.keyadmin.problem.RequestIdFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "API keys", description = "A user's own keys")
@SecurityRequirement(name = "bearer")
class ApiKeyController {

    private final ApiKeyService service;

    ApiKeyController(ApiKeyService service) {
        this.service = service;
    }

    @Operation(
            summary = "Create a key",
            description = "The key value is in this response only; it is never stored. scopes: what the key may"
                    + " call, each a scope you hold (403 scope-not-held names those you do not; nothing is"
                    + " created); none gives the key no scopes, enough only for routes that require"
                    + " authentication alone. A key may use the scopes it was given that you still hold.")
    @PostMapping(
            path = "/api/auth/apikey/generate",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ApiKeyResponse> generate(
            @Valid @RequestBody(required = false) Mono<ApiKeyCreate> request, ServerWebExchange exchange) {
        return request.defaultIfEmpty(new ApiKeyCreate(null, null))
                .flatMap(body -> service.generate(Caller.of(exchange), body, RequestIdFilter.of(exchange)));
    }

    @Operation(summary = "List your keys", description = "Never shows key values.")
    @GetMapping(path = "/api/auth/apikeys", produces = MediaType.APPLICATION_JSON_VALUE)
    Flux<ApiKeySummary> list(ServerWebExchange exchange) {
        return service.listOwn(Caller.of(exchange));
    }

    @Operation(summary = "Revoke one of your keys", description = "Idempotent. Someone else's key is a 404.")
    @DeleteMapping("/api/auth/apikey/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> revoke(@PathVariable UUID id, ServerWebExchange exchange) {
        return service.revoke(Caller.of(exchange), id, false, RequestIdFilter.of(exchange));
    }

    @Operation(
            summary = "Rotate one of your keys",
            description = "Issues a replacement (shown once); the old key works until the grace period ends.")
    @PostMapping(path = "/api/auth/apikey/{id}/rotate", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<RotationResponse> rotate(
            @PathVariable UUID id,
            @Valid @RequestBody(required = false) Mono<RotateRequest> request,
            ServerWebExchange exchange) {
        return request.defaultIfEmpty(RotateRequest.defaults())
                .flatMap(body -> service.rotate(Caller.of(exchange), id, body, RequestIdFilter.of(exchange)));
    }
}
