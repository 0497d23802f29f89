package org.shelters.reporting.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shelters.platform.security.Caller;
import org.shelters.platform.security.Role;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

class IdTokenRolesTest {

    @Test
    void theIdTokensRolesBecomeTheSameAuthoritiesAsABearerTokensAndCallerReadsTheSession() {
        OidcIdToken idToken = new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60), Map.of(
                "sub", "subject-1", "preferred_username", "partner-1", "roles", List.of("SHELTER_PARTNER", "NOT_A_ROLE"),
                "shelters", List.of("shelter-1")));
        var mapped = new IdTokenRoles().mapAuthorities(List.of(new OidcUserAuthority(idToken)));
        assertThat(mapped.stream().map(GrantedAuthority::getAuthority))
                .contains("ROLE_SHELTER_PARTNER").doesNotContain("ROLE_NOT_A_ROLE");

        DefaultOidcUser user = new DefaultOidcUser(mapped, idToken, "sub");
        Caller caller = Caller.of(new OAuth2AuthenticationToken(user, mapped, "shelters"));
        assertThat(caller.subject()).isEqualTo("subject-1");
        assertThat(caller.roles()).containsExactly(Role.SHELTER_PARTNER);
        assertThat(caller.shelters()).containsExactly("shelter-1");
        assertThat(caller.isShelterScoped()).isTrue();
    }

    @Test
    void withoutARolesClaimNoRoleIsGiven() {
        OidcIdToken idToken = new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60), Map.of("sub", "s"));
        assertThat(new IdTokenRoles().mapAuthorities(List.of(new OidcUserAuthority(idToken), new SimpleGrantedAuthority("SCOPE_openid")))
                .stream().map(GrantedAuthority::getAuthority)).noneMatch(a -> a.startsWith("ROLE_"));
    }
}
