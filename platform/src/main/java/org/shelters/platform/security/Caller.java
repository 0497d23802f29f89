package org.shelters.platform.security;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.shelters.platform.domain.Refusal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, derived from the request's own authentication every time it is asked (never
 * cached across requests): the opaque subject id, the roles, and — for shelter partners — the
 * shelters they act for ({@code shelters} claim). Object-level checks go through
 * {@link #requireShelter} / {@link #mayRead}: a partner of shelter A is refused on shelter B.
 */
public record Caller(String subject, Set<Role> roles, Set<String> shelters) {

    public static final String SHELTERS_CLAIM = "shelters";
    /** The caller of work no request asked for (scheduled jobs, the demo's own set-up runs as users). */
    public static final Caller NOBODY = new Caller(null, Set.of(), Set.of());

    public Caller {
        roles = Collections.unmodifiableSet(roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles));
        shelters = Set.copyOf(shelters);
    }

    /** The caller of the request on this thread, or {@link #NOBODY} outside a request. */
    public static Caller current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    public static Caller of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return NOBODY;
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            if (authority.getAuthority() != null) {
                Role.fromAuthority(authority.getAuthority()).ifPresent(roles::add);
            }
        }
        Map<String, Object> claims = claimsOf(authentication.getPrincipal());
        if (claims == null) {
            return new Caller(authentication.getName(), roles, Set.of());
        }
        Object subject = claims.get("sub");
        return new Caller(subject == null ? authentication.getName() : subject.toString(), roles, strings(claims.get(SHELTERS_CLAIM)));
    }

    private static Map<String, Object> claimsOf(Object principal) {
        if (principal instanceof Jwt jwt) {
            return jwt.getClaims();
        }
        if (principal instanceof OidcUser user) {
            return user.getClaims();
        }
        return null;
    }

    private static Set<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().filter(v -> v != null).map(Object::toString).collect(Collectors.toSet());
        }
        if (claim instanceof String value && !value.isBlank()) {
            return Set.of(value.split("[ ,]+"));
        }
        return Set.of();
    }

    public boolean has(Role role) {
        return roles.contains(role) || roles.contains(Role.ADMIN);
    }

    public boolean hasAny(Role... any) {
        return List.of(any).stream().anyMatch(this::has);
    }

    /**
     * True when the caller reaches shelters only through the {@code shelters} claim: a shelter
     * partner with no programme-wide role. DONOR is not one: it reads programme-level figures, so
     * it never widens a partner to every shelter.
     */
    public boolean isShelterScoped() {
        return roles.contains(Role.SHELTER_PARTNER)
                && !hasAny(Role.PROGRAMME_OFFICER, Role.LOGISTICS_OFFICER, Role.ANALYST, Role.OPERATIONS);
    }

    /** May the caller see or act on {@code shelterId}? Programme-wide roles may; partners for their own shelters. */
    public boolean mayRead(String shelterId) {
        return !isShelterScoped() || (shelterId != null && shelters.contains(shelterId));
    }

    /** Refuses (403) a shelter-scoped caller on a shelter that is not theirs. */
    public void requireShelter(String shelterId) {
        if (!mayRead(shelterId)) {
            throw forbidden();
        }
    }

    /** The 403 a caller gets for an object outside its scope; it says no more than that. */
    public static Refusal forbidden() {
        return new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", "you may not act on this resource", List.of());
    }

    /** The role recorded on events: ADMIN if held, otherwise the first in {@link Role} order. */
    public String actingRole() {
        if (roles.contains(Role.ADMIN)) {
            return Role.ADMIN.name();
        }
        return roles.stream().findFirst().map(Role::name).orElse(null);
    }
}
