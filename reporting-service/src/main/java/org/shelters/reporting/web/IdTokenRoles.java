package org.shelters.reporting.web;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.shelters.platform.security.Role;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

/**
 * The roles of a dashboard user, from the ID token's {@code roles} claim, as the same
 * {@code ROLE_<name>} authorities a bearer token's claim gives: so the access rules and
 * {@code Caller.current()} treat a session exactly like a token. A name that is not a programme
 * role is ignored.
 */
public class IdTokenRoles implements GrantedAuthoritiesMapper {

    @Override
    public Collection<? extends GrantedAuthority> mapAuthorities(Collection<? extends GrantedAuthority> authorities) {
        Set<GrantedAuthority> mapped = new LinkedHashSet<>(authorities);
        for (GrantedAuthority authority : authorities) {
            if (authority instanceof OidcUserAuthority oidc && oidc.getIdToken().getClaim(Role.CLAIM) instanceof Collection<?> roles) {
                for (Object role : roles) {
                    if (role != null) {
                        Role.fromAuthority(role.toString()).ifPresent(r -> mapped.add(new SimpleGrantedAuthority(r.authority())));
                    }
                }
            }
        }
        return mapped;
    }
}
