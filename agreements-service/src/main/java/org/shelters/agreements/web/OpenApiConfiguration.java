package org.shelters.agreements.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document says what the security chain does: every operation needs a bearer JWT of
 * the programme's issuer ({@value #BEARER_JWT}, applied globally) and may answer 401 or 403, both
 * problem+json. Added to every operation here rather than annotated on each, so an endpoint added
 * later is documented the same way without anyone remembering to.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    public static final String BEARER_JWT = "bearer-jwt";
    static final String PROBLEM_JSON = "application/problem+json";

    @Bean
    OpenApiCustomizer securityDocumentation() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSecuritySchemes(BEARER_JWT, new SecurityScheme()
                    .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                    .description("An access token of the programme's identity provider (audience shelters-platform, "
                            + "RS256); roles in the `roles` claim, a shelter partner's shelters in `shelters`"));
            openApi.addSecurityItem(new SecurityRequirement().addList(BEARER_JWT));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(OpenApiConfiguration::document));
        };
    }

    /** Adds 401 and 403 where the operation does not describe them itself. */
    private static void document(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        ApiResponses responses = operation.getResponses();
        responses.putIfAbsent("401", problem("unauthenticated: no bearer token, or one this service does not accept "
                + "(expired, for another audience, not signed by the programme's issuer)"));
        responses.putIfAbsent("403", problem("forbidden: the caller's role may not call this operation, or the shelter "
                + "is not one of a shelter partner's own"));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()));
    }
}
