package dev.apigw.keyadmin.limits;

import dev.apigw.keyadmin.auth.Caller;
import dev.apigw.keyadmin.problem.RequestIdFilter;
import dev.apigw.keycore.limits.Limits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Limits", description = "A key's own rate limit and quota, and its usage")
@SecurityRequirement(name = "bearer")
class KeyLimitsController {

    private final KeyLimitsService service;

    KeyLimitsController(KeyLimitsService service) {
        this.service = service;
    }

    @Operation(
            summary = "Set a key's own limits (admin)",
            description = "Replaces both parts; a part left out is removed (the route's or gateway's default"
                    + " applies). Every gateway applies it within about a second.")
    @PutMapping(
            path = "/api/admin/apikeys/{id}/limits",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LimitsView> set(
            @PathVariable UUID id, @Valid @RequestBody Mono<LimitsRequest> request, ServerWebExchange exchange) {
        Caller admin = Caller.admin(exchange);
        return request.flatMap(body -> service.set(admin, id, body.toLimits(), RequestIdFilter.of(exchange)));
    }

    @Operation(
            summary = "Remove a key's own limits (admin)",
            description = "The route's or gateway's default applies again.")
    @DeleteMapping(path = "/api/admin/apikeys/{id}/limits", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LimitsView> remove(@PathVariable UUID id, ServerWebExchange exchange) {
        return service.set(Caller.admin(exchange), id, Limits.NONE, RequestIdFilter.of(exchange));
    }

    @Operation(
            summary = "Your key's limits and usage",
            description = "Requests the gateways counted in the current UTC day and month, and what remains of"
                    + " the key's own quota. Someone else's key is a 404.")
    @GetMapping(path = "/api/auth/apikey/{id}/usage", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<UsageView> usage(@PathVariable UUID id, ServerWebExchange exchange) {
        return service.usage(Caller.of(exchange), id);
    }
}
