package dev.apigw.keyadmin.config;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents the errors every operation can answer, as RFC 9457 problem details: the same shape
 * {@code ProblemExceptionHandler} writes, so the OpenAPI document tells clients what they will get.
 */
@Component
class ProblemResponsesCustomizer implements OperationCustomizer {

    private static final Map<String, String> COMMON = new LinkedHashMap<>();

    static {
        COMMON.put("400", "invalid-request: malformed JSON, unknown or mistyped fields, values out of range");
        COMMON.put(
                "401",
                "unauthenticated or invalid-credentials: missing, expired or invalid token (with WWW-Authenticate)");
        COMMON.put(
                "403",
                "forbidden: the ADMIN role is required; or scope-not-held: a new key asked for scopes its owner"
                        + " does not hold");
        COMMON.put("404", "not-found: no such resource, or not the caller's");
        COMMON.put("409", "conflict or key-limit-reached");
        COMMON.put("413", "payload-too-large: body over 16 KB");
        COMMON.put("415", "unsupported-media-type: body is not application/json");
        COMMON.put("503", "unavailable: the database is unreachable (with Retry-After)");
    }

    private final Schema<?> problem = new ObjectSchema()
            .description("RFC 9457 problem details")
            .addProperty("type", new StringSchema().example("urn:apigw:problem:invalid-request"))
            .addProperty("title", new StringSchema())
            .addProperty("status", new IntegerSchema())
            .addProperty("detail", new StringSchema())
            .addProperty("code", new StringSchema().example("invalid-request"))
            .addProperty("request_id", new StringSchema());

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        COMMON.forEach((status, description) -> {
            if (!responses.containsKey(status)) {
                responses.addApiResponse(
                        status,
                        new ApiResponse()
                                .description(description)
                                .content(new Content()
                                        .addMediaType("application/problem+json", new MediaType().schema(problem))));
            }
        });
        operation.setResponses(responses);
        return operation;
    }
}
