package org.shelters.logistics.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document says what the security chain does: every operation needs a bearer JWT of the
 * programme's issuer ({@code bearer-jwt}, a global requirement) and may answer 401 (no or a refused
 * token) and 403 (a role the operation is not for, or another shelter's object), both problem+json.
 * Written into the document rather than onto each controller method, so an operation added later
 * is documented the same way without anyone remembering to.
 *
 * <p>Should the platform document the same (a customizer declaring {@code bearer-jwt} itself), the
 * two agree whichever runs first: this one leaves a scheme already declared and its global
 * requirement alone, and the 401/403 it puts on each operation are the same references.
 */
@Configuration(proxyBeanMethods = false)
public class LogisticsOpenApi {

    /** The name of the security scheme in {@code components.securitySchemes}. */
    public static final String BEARER_JWT = "bearer-jwt";
    static final String PROBLEM = "Problem";
    static final String UNAUTHENTICATED = "Unauthenticated";
    static final String FORBIDDEN = "Forbidden";
    private static final String PROBLEM_JSON = "application/problem+json";

    @Bean
    OpenApiCustomizer securityInTheApiDocument() {
        return LogisticsOpenApi::document;
    }

    /** Idempotent: springdoc may run customizers more than once on the same document. */
    static void document(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        // the scheme declared already (by the platform, or an earlier run): its global requirement stands as it is
        if (components.getSecuritySchemes() == null || !components.getSecuritySchemes().containsKey(BEARER_JWT)) {
            declare(components);
            openApi.setSecurity(List.of(new SecurityRequirement().addList(BEARER_JWT)));
        }
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(LogisticsOpenApi::refusals));
        }
    }

    private static void declare(Components components) {
        components.addSecuritySchemes(BEARER_JWT, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("An RS256 access token of the programme's issuer for the audience "
                        + "shelters-platform; roles in the roles claim, a shelter partner's shelters in the shelters claim"));
        if (components.getSchemas() == null || !components.getSchemas().containsKey(PROBLEM)) {
            components.addSchemas(PROBLEM, problemSchema());
        }
        components.addResponses(UNAUTHENTICATED, problem("No token, or a token that was refused (expired, another issuer "
                + "or audience, a bad signature); type urn:shelters:problem:unauthenticated"));
        components.addResponses(FORBIDDEN, problem("The caller's role may not call this operation, or the object belongs "
                + "to a shelter the caller does not act for; type urn:shelters:problem:forbidden"));
    }

    private static void refusals(Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        responses.addApiResponse("401", new ApiResponse().$ref("#/components/responses/" + UNAUTHENTICATED));
        responses.addApiResponse("403", new ApiResponse().$ref("#/components/responses/" + FORBIDDEN));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    /** RFC 9457 problem details as the platform writes them. */
    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("urn:shelters:problem:forbidden"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().items(new ObjectSchema()
                        .addProperty("field", new StringSchema()).addProperty("message", new StringSchema())));
    }
}
