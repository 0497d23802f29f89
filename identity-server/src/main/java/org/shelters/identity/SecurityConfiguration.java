package org.shelters.identity;

import static org.springframework.security.config.Customizer.withDefaults;

import java.util.List;
import java.util.Set;
import org.shelters.identity.accounts.AccountDirectory;
import org.shelters.identity.accounts.PartnerSheltersFile;
import org.shelters.identity.tokens.PlatformClaims;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Two filter chains, as Spring Authorization Server expects: the protocol endpoints, then everything
 * else (the login form, health). Declaring them replaces Boot's defaults, which would put health
 * behind a login.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) throws Exception {
    http.oauth2AuthorizationServer(server -> {
          http.securityMatcher(server.getEndpointsMatcher());
          server.oidc(withDefaults());
        })
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        // user info is read with an access token
        .oauth2ResourceServer(resource -> resource.jwt(withDefaults()))
        // Swagger UI and the dashboard call the token endpoint from the browser
        .cors(withDefaults())
        // a browser (or token.sh, which asks for HTML) that is not signed in is sent to the form
        .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
            new LoginUrlAuthenticationEntryPoint("/login"), htmlRequests()));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain signIn(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(requests -> requests
            .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error").permitAll()
            .anyRequest().authenticated())
        .formLogin(withDefaults());
    return http.build();
  }

  @Bean
  OAuth2TokenCustomizer<JwtEncodingContext> platformClaims(AccountDirectory accounts, PartnerSheltersFile partnerShelters,
      IdentityProperties properties) {
    return new PlatformClaims(accounts, partnerShelters, properties.audience());
  }

  @Bean
  CorsConfigurationSource corsConfigurationSource(IdentityProperties properties) {
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(properties.allowedOrigins());
    cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
    cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/**", cors);
    return source;
  }

  private static MediaTypeRequestMatcher htmlRequests() {
    MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
    html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
    return html;
  }
}
