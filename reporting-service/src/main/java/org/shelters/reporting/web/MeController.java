package org.shelters.reporting.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.shelters.platform.security.Caller;
import org.shelters.platform.security.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is signed in, for the dashboard's header: the user name of the ID token
 * ({@code preferred_username}; a bearer token carries none), the roles and a partner's shelters —
 * no e-mail or name. A session user also gets the CSRF token its logout form (a POST) must carry;
 * reading it through this same-origin JSON keeps the dashboard free of inline script, and no
 * other origin can read the answer (no CORS).
 */
@RestController
@Tag(name = "me", description = "Who is signed in")
public class MeController {

    public record Me(String subject, String username, List<Role> roles, List<String> shelters,
                     @JsonInclude(JsonInclude.Include.NON_NULL) Csrf csrf) {
    }

    /** What a form that changes state must send: the token, as {@code parameterName} or header {@code headerName}. */
    public record Csrf(String headerName, String parameterName, String token) {
    }

    @GetMapping("/api/me")
    @Operation(summary = "The signed-in user: user name, roles, shelters; for a session, the CSRF token of its logout")
    public Me me(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Caller caller = Caller.of(authentication);
        String username = authentication != null && authentication.getPrincipal() instanceof OidcUser user
                ? user.getPreferredUsername() : null;
        Csrf csrf = null;
        // only a session has a CSRF token to give; a bearer request would make a session to hold one
        if (authentication instanceof OAuth2AuthenticationToken
                && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            csrf = new Csrf(token.getHeaderName(), token.getParameterName(), token.getToken());
        }
        return new Me(caller.subject(), username, caller.roles().stream().sorted().toList(),
                caller.shelters().stream().sorted().toList(), csrf);
    }
}
