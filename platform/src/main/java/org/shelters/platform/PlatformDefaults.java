package org.shelters.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Operational defaults shared by every service, added with the lowest precedence so any
 * application.yml, environment variable or command-line flag overrides them.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "platformDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus,metrics");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        // health status is open (probes); its details only for operations (and admin)
        defaults.put("management.endpoint.health.show-details", "when-authorized");
        defaults.put("management.endpoint.health.show-components", "when-authorized");
        defaults.put("management.endpoint.health.roles", "OPERATIONS,ADMIN");
        // every service is a resource server of the programme's issuer; the keys are fetched when
        // the first token arrives (so a service starts while the issuer is away), RS256 only
        defaults.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", "http://localhost:9000");
        defaults.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                "${spring.security.oauth2.resourceserver.jwt.issuer-uri}/oauth2/jwks");
        defaults.put("spring.security.oauth2.resourceserver.jwt.audiences", "shelters-platform");
        defaults.put("spring.security.oauth2.resourceserver.jwt.jws-algorithms", "RS256");
        defaults.put("spring.security.oauth2.resourceserver.jwt.authorities-claim-name", "roles");
        defaults.put("spring.security.oauth2.resourceserver.jwt.authority-prefix", "ROLE_");
        // Kafka is not in readiness: the outbox exists to accept commands while the broker is away, so
        // a Kafka outage must not take every instance out of load balancing; it has a group of its own
        defaults.put("management.endpoint.health.group.readiness.include", "readinessState,mongo");
        defaults.put("management.endpoint.health.group.messaging.include", "kafka");
        defaults.put("management.endpoint.health.group.liveness.include", "livenessState");
        defaults.put("management.metrics.distribution.percentiles-histogram.http.server.requests", "true");
        defaults.put("management.metrics.tags.application", "${spring.application.name:service}");
        defaults.put("spring.jmx.enabled", "false");
        // said explicitly, so SpringDoc does not warn at every start that it is on by default
        defaults.put("springdoc.api-docs.enabled", "true");
        defaults.put("springdoc.swagger-ui.enabled", "true");
        // Swagger UI signs in with authorization code + PKCE as the public development client
        defaults.put("springdoc.swagger-ui.oauth.client-id", "shelters-dev");
        defaults.put("springdoc.swagger-ui.oauth.use-pkce-with-authorization-code-grant", "true");
        defaults.put("springdoc.swagger-ui.oauth.scopes", "openid");
        // the topic provisioner's admin client would print its whole configuration at every start
        defaults.put("logging.level.org.apache.kafka.clients.admin.AdminClientConfig", "WARN");
        defaults.put("logging.pattern.correlation",
                "[trace=%X{traceId:-} corr=%X{correlationId:-} event=%X{eventId:-} actor=%X{actor:-}] ");
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }
}
