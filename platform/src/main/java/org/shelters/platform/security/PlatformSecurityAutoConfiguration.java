package org.shelters.platform.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.shelters.platform.web.Problems;

/**
 * Every service is a resource server with the same chain ({@link PlatformSecurity}); a service
 * declares only its {@link AccessRules}, or its own chain built on {@link PlatformSecurity#apply}.
 */
@AutoConfiguration(before = {OAuth2ResourceServerAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
    ManagementWebSecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
public class PlatformSecurityAutoConfiguration {

    /** No rules declared: only the open probes and documents answer; every other request is denied. */
    @Bean
    @ConditionalOnMissingBean
    AccessRules accessRules() {
        return AccessRules.builder().build();
    }

    @Bean
    @ConditionalOnMissingBean
    PlatformSecurity platformSecurity(AccessRules rules, SecurityProperties properties,
            @org.springframework.beans.factory.annotation.Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer) {
        String tokenUrl = properties.getOpenapi().getTokenUrl() != null ? properties.getOpenapi().getTokenUrl() : issuer;
        return new PlatformSecurity(rules, properties, PlatformSecurity.origin(tokenUrl));
    }

    /** Security schemes, 401/403 and the roles of each operation in the service's OpenAPI document. */
    @Bean
    @ConditionalOnMissingBean
    OpenApiSecurity openApiSecurity(AccessRules rules, SecurityProperties properties,
            @org.springframework.beans.factory.annotation.Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer) {
        return new OpenApiSecurity(rules, issuer, properties.getOpenapi());
    }

    /**
     * A request Spring Security's firewall refuses before any chain runs (a {@code //}, a {@code ;}
     * path parameter, an encoded {@code %2e}...) is a 400 problem document like every other refusal,
     * not the servlet container's error page.
     */
    @Bean
    @ConditionalOnMissingBean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> Problems.write(response, Problems.rejectedPath());
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain platformApiSecurity(HttpSecurity http, PlatformSecurity security) throws Exception {
        return security.applyStateless(http).build();
    }
}
