package org.shelters.reporting.web;

import java.util.List;
import java.util.Map;
import org.shelters.platform.security.PlatformSecurity;
import org.shelters.reporting.ReportingProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientPropertiesMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcherEntry;

/**
 * reporting-service's one filter chain: the platform's (bearer tokens, access rules, 401/403
 * problem+json, headers, actor, rate limit) plus the dashboard's sign-in. The service is an OAuth
 * 2.1 client of the identity server ({@code spring.security.oauth2.client.registration.shelters}):
 * authorization code with PKCE (S256, required by the identity server even for this confidential
 * client), then a session cookie (HttpOnly, SameSite=Lax, a name of its own so the identity
 * server's cookie on the same host cannot replace it) that the dashboard's same-origin
 * {@code /api/reports/**} fetches carry.
 *
 * <ul>
 *   <li>A browser opening the dashboard ({@link #PAGES}) without a session is sent to sign in;
 *       any other request without a session or token is a 401 problem+json, never a redirect.</li>
 *   <li>CSRF protection is on for session-authenticated requests that change state (logout is a
 *       POST with the token, which {@code GET /api/me} gives the dashboard) and off for bearer
 *       requests (the resource server exempts them): no cookie authenticates those.</li>
 *   <li>Logout ends the session and sends the browser to the identity server's end-session
 *       endpoint (RP-initiated logout with {@code id_token_hint} and
 *       {@code reporting.dashboard.post-logout-redirect-uri}).</li>
 * </ul>
 *
 * The provider's endpoints are configured, not discovered ({@code issuer-uri} on the client would
 * fetch the issuer's metadata at start-up, and the service must start while the issuer is away);
 * they, the ID token's expected issuer and the end-session endpoint all come from the one issuer
 * property the resource server uses.
 */
@Configuration
@EnableConfigurationProperties(OAuth2ClientProperties.class)
public class DashboardSecurity {

    public static final String REGISTRATION = "shelters";
    /** Where a browser without a session is sent to sign in. */
    public static final String SIGN_IN = OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI
            + "/" + REGISTRATION;
    /** What a browser opens: redirected to sign in without a session. Everything else answers 401 problem+json. */
    static final List<String> PAGES = List.of("/", "/dashboard", "/dashboard/**", "/webjars/**");
    private static final java.util.Set<String> SAFE_METHODS = java.util.Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    /** The development identity server's RP-initiated logout endpoint, under the issuer ({@code reporting.dashboard.end-session-uri} overrides it). */
    static final String END_SESSION_PATH = "/connect/logout";

    /**
     * The registrations of {@code spring.security.oauth2.client.*}, with what properties cannot say
     * without discovery: the issuer the ID token must name and the end-session endpoint.
     */
    @Bean
    ClientRegistrationRepository clientRegistrationRepository(OAuth2ClientProperties properties,
            ReportingProperties reporting, @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        String endSession = reporting.dashboard().endSessionUri() != null ? reporting.dashboard().endSessionUri()
                : base + END_SESSION_PATH;
        List<ClientRegistration> registrations = new OAuth2ClientPropertiesMapper(properties).asClientRegistrations()
                .values().stream().map(registration -> ClientRegistration.withClientRegistration(registration)
                        .issuerUri(base)
                        .providerConfigurationMetadata(Map.of("end_session_endpoint", endSession))
                        .build())
                .toList();
        return new InMemoryClientRegistrationRepository(registrations);
    }

    @Bean
    SecurityFilterChain reportingSecurity(HttpSecurity http, PlatformSecurity platform, ClientRegistrationRepository clients,
            ReportingProperties properties, @Value("${server.servlet.session.cookie.name:JSESSIONID}") String sessionCookie,
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer) throws Exception {
        platform.apply(http);
        // the logout form's POST is answered with a redirect to the identity server, and browsers hold
        // redirects after a form to form-action too: allow the issuer there, and nothing else changes
        http.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                platform.contentSecurityPolicy().replace("form-action 'self'", "form-action 'self' " + PlatformSecurity.origin(issuer)))));
        RequestMatcher pages = new OrRequestMatcher(PAGES.stream()
                .map(pattern -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(pattern)).toList());

        DefaultOAuth2AuthorizationRequestResolver authorizationRequests = new DefaultOAuth2AuthorizationRequestResolver(
                clients, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        http.oauth2Login(login -> login
                .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(authorizationRequests))
                .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(new IdTokenRoles())));

        OidcClientInitiatedLogoutSuccessHandler endSession = new OidcClientInitiatedLogoutSuccessHandler(clients);
        endSession.setPostLogoutRedirectUri(properties.dashboard().postLogoutRedirectUri());
        endSession.setDefaultTargetUrl("/dashboard/");
        http.logout(logout -> logout.logoutSuccessHandler(endSession).deleteCookies(sessionCookie));

        // CSRF protects what a session could be made to do: a state-changing request of a browser that has
        // one. Without a session nothing authenticates a forged request (it gets its 401); bearer requests
        // are exempt (the resource server says so), since no browser adds that header for another site
        http.csrf(csrf -> csrf.requireCsrfProtectionMatcher(request -> !SAFE_METHODS.contains(request.getMethod())
                && request.getSession(false) != null));

        AuthenticationEntryPoint signIn = new LoginUrlAuthenticationEntryPoint(SIGN_IN);
        http.exceptionHandling(errors -> errors.authenticationEntryPoint(new DelegatingAuthenticationEntryPoint(
                PlatformSecurity.unauthenticated(), List.of(new RequestMatcherEntry<>(pages, signIn)))));
        // only a page is worth returning to after signing in; an API call never starts a session
        HttpSessionRequestCache savedPages = new HttpSessionRequestCache();
        savedPages.setRequestMatcher(pages);
        http.requestCache(cache -> cache.requestCache(savedPages));
        return http.build();
    }
}
