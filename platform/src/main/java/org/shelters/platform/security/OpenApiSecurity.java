package org.shelters.platform.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The OpenAPI document of every service says what the security chain does: every operation needs
 * an access token of the programme's issuer — a bearer JWT ({@code bearer-jwt}), or signing in from
 * Swagger UI with authorization code + PKCE ({@code oauth2}, public client {@code shelters-dev}) —
 * may answer 401 and 403 (problem+json), and lists the roles its {@link AccessRules} allow under
 * {@code x-roles}. Written into the document rather than onto each controller method, so an
 * operation added later is documented the same way without anyone remembering to.
 */
public class OpenApiSecurity implements OpenApiCustomizer {

    public static final String BEARER_JWT = "bearer-jwt";
    public static final String OAUTH2 = "oauth2";
    static final String PROBLEM = "Problem";
    static final String UNAUTHENTICATED = "Unauthenticated";
    static final String FORBIDDEN = "Forbidden";
    private static final String PROBLEM_JSON = "application/problem+json";

    private final AccessRules rules;
    private final String issuer;
    private final String authorizationUrl;
    private final String tokenUrl;

    public OpenApiSecurity(AccessRules rules, String issuer, SecurityProperties.OpenApi signIn) {
        this.rules = rules;
        this.issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        this.authorizationUrl = signIn.getAuthorizationUrl() != null ? signIn.getAuthorizationUrl() : this.issuer + "/oauth2/authorize";
        this.tokenUrl = signIn.getTokenUrl() != null ? signIn.getTokenUrl() : this.issuer + "/oauth2/token";
    }

    /** Idempotent: springdoc may run customizers more than once on the same document. */
    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSecuritySchemes(BEARER_JWT, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("An RS256 access token of the programme's issuer (" + issuer
                        + ") for the audience shelters-platform; roles in the roles claim, a shelter partner's shelters "
                        + "in the shelters claim. Development: ./local-stack/token.sh USER"));
        components.addSecuritySchemes(OAUTH2, new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
                .description("Sign in from Swagger UI: authorization code with PKCE, public client shelters-dev")
                .flows(new OAuthFlows().authorizationCode(new OAuthFlow()
                        .authorizationUrl(authorizationUrl)
                        .tokenUrl(tokenUrl)
                        .scopes(new Scopes().addString("openid", "sign in")))));
        if (components.getSchemas() == null || !components.getSchemas().containsKey(PROBLEM)) {
            components.addSchemas(PROBLEM, org.shelters.platform.openapi.OpenApiContract.problemSchema());
        }
        components.addResponses(UNAUTHENTICATED, problem("No token, or a token that was refused (expired, another issuer "
                + "or audience, a bad signature); type urn:shelters:problem:unauthenticated"));
        components.addResponses(FORBIDDEN, problem("The caller's role may not call this operation, or the object belongs "
                + "to a shelter the caller does not act for; type urn:shelters:problem:forbidden"));
        openApi.setSecurity(List.of(new SecurityRequirement().addList(BEARER_JWT), new SecurityRequirement().addList(OAUTH2)));
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            refusals(operation);
            operation.addExtension("x-roles", roles(HttpMethod.valueOf(method.name()), path));
        }));
    }

    /** The roles the first matching rule allows (ADMIN always), as the security chain decides it. */
    List<String> roles(HttpMethod method, String path) {
        var parsed = org.springframework.http.server.PathContainer.parsePath(path.replaceAll("\\{[^}]+}", "x"));
        for (AccessRules.Rule rule : rules.rules()) {
            boolean methodMatches = rule.method() == null || rule.method().equals(method);
            if (methodMatches && PathPatternParser.defaultInstance.parse(rule.pattern()).matches(parsed)) {
                if (rule.roles().isEmpty()) {
                    return List.of("any signed-in caller");
                }
                TreeSet<String> names = rule.roles().stream().map(Role::name).collect(Collectors.toCollection(TreeSet::new));
                names.add(Role.ADMIN.name());
                return List.copyOf(names);
            }
        }
        return List.of();
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
}
