package org.shelters.logistics.web;

import static org.shelters.platform.security.Role.ANALYST;
import static org.shelters.platform.security.Role.LOGISTICS_OFFICER;
import static org.shelters.platform.security.Role.OPERATIONS;
import static org.shelters.platform.security.Role.PROGRAMME_OFFICER;
import static org.shelters.platform.security.Role.SHELTER_PARTNER;

import org.shelters.platform.security.AccessRules;
import org.shelters.platform.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call which operation of logistics (function level; ADMIN always may, anything not named
 * here is refused for everyone). Logistics officers run shipments; shelter partners confirm proof
 * of delivery and read shipments, but only those to their own shelters — that is decided per
 * object in the controllers and {@code ShipmentCommands}, since a path says nothing about whose
 * shipment it is. Programme officers, analysts and operations read. Donors get nothing here: this
 * is an operational API, and their figures are reporting's programme-level ones.
 *
 * <p>The README's role x endpoint matrix and {@code AccessMatrixIT}'s table say the same; the test
 * fails when an operation of the OpenAPI document is missing from its table.
 */
@Configuration(proxyBeanMethods = false)
public class LogisticsAccessRules {

    /** Everyone who may read shipments and outstanding quantities (partners: their own shelters only). */
    private static final Role[] READERS = {LOGISTICS_OFFICER, SHELTER_PARTNER, PROGRAMME_OFFICER, ANALYST, OPERATIONS};

    @Bean
    AccessRules accessRules() {
        return AccessRules.builder()
                .allow(HttpMethod.POST, "/api/shipments", LOGISTICS_OFFICER)
                .allow(HttpMethod.POST, "/api/shipments/*/dispatch", LOGISTICS_OFFICER)
                .allow(HttpMethod.POST, "/api/shipments/*/deliver", LOGISTICS_OFFICER, SHELTER_PARTNER)
                .allow(HttpMethod.POST, "/api/shipments/*/cancel", LOGISTICS_OFFICER)
                .allow(HttpMethod.GET, "/api/shipments", READERS)
                .allow(HttpMethod.GET, "/api/shipments/*", READERS)
                .allow(HttpMethod.GET, "/api/agreements/*/outstanding", READERS)
                .build();
    }
}
