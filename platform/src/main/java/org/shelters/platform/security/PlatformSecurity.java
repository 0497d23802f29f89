package org.shelters.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.shelters.platform.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The one security set-up of every service: a JWT resource server (issuer, audience, expiry and
 * an RS256 allow-list, configured with Spring Boot's {@code spring.security.oauth2.resourceserver.jwt.*};
 * keys are fetched when first needed, so a service starts while the issuer is away), the service's
 * {@link AccessRules} with everything else denied, 401/403 as problem+json, the caller recorded as
 * the actor of the events a request causes, a per-caller command rate limit, security headers and
 * no CORS unless origins are configured. A service with browser sessions (reporting's dashboard)
 * builds its own chain on {@link #apply} and adds its login.
 */
public class PlatformSecurity {

    /** Open to anyone: probes and the API documents. Everything else under actuator is for operations. */
    static final String[] OPEN = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
        "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**", "/error"};

    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; object-src 'none'; "
            + "base-uri 'self'; frame-ancestors 'none'; form-action 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'";

    private final AccessRules rules;
    private final SecurityProperties properties;
    private final String signInOrigin;

    /**
     * @param signInOrigin the origin of the token endpoint Swagger UI calls after signing in (the
     *                     issuer's, e.g. {@code http://localhost:9000}): the one other origin pages may connect to
     */
    public PlatformSecurity(AccessRules rules, SecurityProperties properties, String signInOrigin) {
        this.rules = rules;
        this.properties = properties;
        this.signInOrigin = signInOrigin;
    }

    /** {@link #CONTENT_SECURITY_POLICY} plus {@code connect-src} for the sign-in origin (Swagger UI's token request). */
    public String contentSecurityPolicy() {
        return CONTENT_SECURITY_POLICY + "; connect-src 'self' " + signInOrigin;
    }

    /** {@code scheme://host[:port]} of {@code uri}: what a Content-Security-Policy source names. */
    public static String origin(String uri) {
        java.net.URI parsed = java.net.URI.create(uri);
        return parsed.getScheme() + "://" + parsed.getHost() + (parsed.getPort() < 0 ? "" : ":" + parsed.getPort());
    }

    public AccessRules rules() {
        return rules;
    }

    /** Everything but the session policy and login, which the caller of this method chooses. */
    public HttpSecurity apply(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> {
            requests.requestMatchers(OPEN).permitAll();
            requests.requestMatchers("/actuator", "/actuator/**").hasAnyRole(names(Role.OPERATIONS, Role.ADMIN));
            for (AccessRules.Rule rule : rules.rules()) {
                var matcher = requests.requestMatchers(rule.method(), rule.pattern());
                if (rule.roles().isEmpty()) {
                    matcher.authenticated();
                } else {
                    Set<Role> allowed = EnumSet.copyOf(rule.roles());
                    allowed.add(Role.ADMIN);
                    matcher.hasAnyRole(names(allowed.toArray(Role[]::new)));
                }
            }
            requests.anyRequest().denyAll();
        });
        http.oauth2ResourceServer(resource -> resource.jwt(Customizer.withDefaults())
                .authenticationEntryPoint(unauthenticated())
                .accessDeniedHandler(forbidden()));
        http.exceptionHandling(errors -> errors.authenticationEntryPoint(unauthenticated()).accessDeniedHandler(forbidden()));
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy()))
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        if (properties.getCors().getAllowedOrigins().isEmpty()) {
            http.cors(AbstractHttpConfigurer::disable);
        } else {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(properties.getCors().getAllowedOrigins());
            cors.setAllowedMethods(Arrays.asList("GET", "POST", "PUT", "PATCH", "DELETE"));
            cors.setAllowedHeaders(Arrays.asList(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.IF_MATCH,
                    "Idempotency-Key", "X-Correlation-Id", "traceparent"));
            cors.setExposedHeaders(Arrays.asList(HttpHeaders.ETAG, HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER, "X-Correlation-Id"));
            cors.setMaxAge(properties.getCors().getMaxAge());
            UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
            source.registerCorsConfiguration("/api/**", cors);
            http.cors(c -> c.configurationSource(source));
        }
        http.addFilterBefore(new IssuerUnavailableFilter(), BearerTokenAuthenticationFilter.class);
        http.addFilterAfter(new ActorFilter(), AuthorizationFilter.class);
        http.addFilterAfter(new CommandRateLimitFilter(properties.getRateLimit()), ActorFilter.class);
        return http;
    }

    /** The API chain: bearer tokens only, no session, no CSRF (no cookie ever authenticates a call). */
    public HttpSecurity applyStateless(HttpSecurity http) throws Exception {
        apply(http);
        http.sessionManagement(session -> session.sessionCreationPolicy(
                org.springframework.security.config.http.SessionCreationPolicy.STATELESS));
        http.csrf(AbstractHttpConfigurer::disable);
        http.requestCache(AbstractHttpConfigurer::disable);
        return http;
    }

    static String[] names(Role... roles) {
        return Arrays.stream(roles).map(Role::name).toArray(String[]::new);
    }

    /** 401 problem+json; {@code WWW-Authenticate} says only whether the token given was refused. */
    public static AuthenticationEntryPoint unauthenticated() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException e) -> {
            boolean tokenGiven = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, tokenGiven
                    ? "Bearer realm=\"shelters-platform\", error=\"invalid_token\""
                    : "Bearer realm=\"shelters-platform\"");
            write(response, Problems.unauthenticated());
        };
    }

    /** 403 problem+json for a role that may not call the operation. */
    public static AccessDeniedHandler forbidden() {
        return (request, response, e) -> write(response, Problems.forbidden());
    }

    private static void write(HttpServletResponse response, org.springframework.http.ProblemDetail problem) throws IOException {
        if (!response.isCommitted()) {
            Problems.write(response, problem);
        }
    }
}
