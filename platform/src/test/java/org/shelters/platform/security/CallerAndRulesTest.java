package org.shelters.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shelters.platform.domain.Refusal;
import org.springframework.http.HttpMethod;

class CallerAndRulesTest {

    @Test
    void aPartnerIsScopedToItsShelterUnlessItAlsoHasAProgrammeWideRole() {
        Caller partner = new Caller("s1", Set.of(Role.SHELTER_PARTNER), Set.of("A"));
        assertThat(partner.isShelterScoped()).isTrue();
        assertThat(partner.mayRead("A")).isTrue();
        assertThat(partner.mayRead("B")).isFalse();
        assertThat(partner.mayRead(null)).isFalse();
        assertThatThrownBy(() -> partner.requireShelter("B")).isInstanceOfSatisfying(Refusal.class,
                r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.FORBIDDEN));

        assertThat(new Caller("s2", Set.of(Role.SHELTER_PARTNER, Role.ANALYST), Set.of("A")).mayRead("B")).isTrue();
        // a donor reads programme-level figures: it never widens a partner to every shelter
        assertThat(new Caller("s3", Set.of(Role.SHELTER_PARTNER, Role.DONOR), Set.of("A")).mayRead("B")).isFalse();
        assertThat(new Caller("s4", Set.of(Role.ANALYST), Set.of()).mayRead("B")).isTrue();
    }

    @Test
    void theActingRoleIsAdminIfHeldOtherwiseTheFirstInRoleOrder() {
        assertThat(new Caller("s", Set.of(Role.OPERATIONS, Role.PROGRAMME_OFFICER), Set.of()).actingRole())
                .isEqualTo("PROGRAMME_OFFICER");
        assertThat(new Caller("s", Set.of(Role.ANALYST, Role.ADMIN), Set.of()).actingRole()).isEqualTo("ADMIN");
        assertThat(Caller.NOBODY.actingRole()).isNull();
        assertThat(new Caller("s", Set.of(Role.ADMIN), Set.of()).has(Role.DONOR)).as("admin has every role").isTrue();
    }

    @Test
    void theApiDocumentListsTheRolesOfTheFirstMatchingRuleAndAdminAlways() {
        AccessRules rules = AccessRules.builder()
                .allow(HttpMethod.POST, "/api/shelters/*/arrivals", Role.SHELTER_PARTNER)
                .allow(HttpMethod.POST, "/api/shelters/**", Role.PROGRAMME_OFFICER)
                .authenticated(HttpMethod.GET, "/api/**")
                .build();
        OpenApiSecurity docs = new OpenApiSecurity(rules, "http://localhost:9000/", new SecurityProperties.OpenApi());
        assertThat(docs.roles(HttpMethod.POST, "/api/shelters/{shelterId}/arrivals")).containsExactly("ADMIN", "SHELTER_PARTNER");
        assertThat(docs.roles(HttpMethod.POST, "/api/shelters/{shelterId}/retire")).containsExactly("ADMIN", "PROGRAMME_OFFICER");
        assertThat(docs.roles(HttpMethod.GET, "/api/shelters")).containsExactly("any signed-in caller");
        assertThat(docs.roles(HttpMethod.DELETE, "/api/shelters/x")).as("no rule names it: denied to everyone").isEmpty();
        assertThatThrownBy(() -> AccessRules.builder().allow(HttpMethod.GET, "/x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(Role.values())).hasSize(7);
    }
}
