package org.shelters.platform.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;

/**
 * Function-level access of one service: which roles may call which operation. Each service
 * declares one bean; the filter chain turns it into request rules in declaration order (first
 * match wins), {@link Role#ADMIN} may call everything, and any request no rule names is denied, so
 * a new endpoint without a rule is refused for everyone until someone decides who may call it.
 * Object-level checks (a partner's own shelters) are in the services, through {@link Caller}.
 */
public final class AccessRules {

    /** One rule: {@code method} on {@code pattern} (Spring path pattern) for {@code roles}; empty roles = any signed-in caller. */
    public record Rule(HttpMethod method, String pattern, Set<Role> roles) {

        public boolean allows(Role role) {
            return role == Role.ADMIN || roles.isEmpty() || roles.contains(role);
        }
    }

    private final List<Rule> rules;

    private AccessRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Rule> rules() {
        return rules;
    }

    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();

        public Builder allow(HttpMethod method, String pattern, Role... roles) {
            if (roles.length == 0) {
                throw new IllegalArgumentException(method + " " + pattern + ": name the roles (authenticated() for any caller)");
            }
            rules.add(new Rule(method, pattern, Set.copyOf(EnumSet.copyOf(List.of(roles)))));
            return this;
        }

        /** Any signed-in caller; what each may see is decided per object ({@link Caller}). */
        public Builder authenticated(HttpMethod method, String pattern) {
            rules.add(new Rule(method, pattern, Set.of()));
            return this;
        }

        public AccessRules build() {
            return new AccessRules(rules);
        }
    }
}
