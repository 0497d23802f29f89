package org.shelters.platform.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * The roles of the programme, as the identity provider puts them in the access token's
 * {@code roles} claim (no {@code ROLE_} prefix there; Spring Security authorities get it). What
 * each may do is declared per service in its {@link AccessRules}; the README has the whole matrix.
 */
public enum Role {
    /** Shelters, agreements, trainings. */
    PROGRAMME_OFFICER,
    /** Shipments and delivery planning. */
    LOGISTICS_OFFICER,
    /** Reports and corrects arrivals, confirms proof of delivery, reads its own reports: its own shelters only. */
    SHELTER_PARTNER,
    /** Every report and export, raw counts. */
    ANALYST,
    /** Programme-level reports and exports, small cells suppressed, fixed periods. */
    DONOR,
    /** Metrics, health details, rebuild, dead-letter re-drive, audit. */
    OPERATIONS,
    /** Everything. */
    ADMIN;

    public static final String CLAIM = "roles";

    public String authority() {
        return "ROLE_" + name();
    }

    public static Optional<Role> fromAuthority(String authority) {
        String name = authority.startsWith("ROLE_") ? authority.substring(5) : authority;
        return Arrays.stream(values()).filter(r -> r.name().equals(name)).findFirst();
    }
}
