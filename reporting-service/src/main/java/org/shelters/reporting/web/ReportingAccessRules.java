package org.shelters.reporting.web;

import static org.shelters.platform.security.Role.ANALYST;
import static org.shelters.platform.security.Role.DONOR;
import static org.shelters.platform.security.Role.LOGISTICS_OFFICER;
import static org.shelters.platform.security.Role.OPERATIONS;
import static org.shelters.platform.security.Role.PROGRAMME_OFFICER;
import static org.shelters.platform.security.Role.SHELTER_PARTNER;

import org.shelters.platform.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call which operation of reporting-service (ADMIN may call all; anything not named here is
 * denied to everyone). The reports are for the roles whose work needs them: programme and logistics
 * officers and analysts read everything raw, shelter partners read their own shelters (object
 * level: {@code access.ReportAccess} scopes every answer), donors read programme-level reports and
 * exports (fixed periods, small cells suppressed) but no per-shelter record. Operations rebuild the
 * projections and read the audit trail; they need no shelter's figures. The README's matrix is this.
 */
@Configuration
public class ReportingAccessRules {

    @Bean
    AccessRules accessRules() {
        return AccessRules.builder()
                // per-shelter records: not for donors
                .allow(HttpMethod.GET, "/api/reports/shelters", PROGRAMME_OFFICER, LOGISTICS_OFFICER, SHELTER_PARTNER, ANALYST)
                .allow(HttpMethod.GET, "/api/reports/shelters/*", PROGRAMME_OFFICER, LOGISTICS_OFFICER, SHELTER_PARTNER, ANALYST)
                .allow(HttpMethod.GET, "/api/reports/agreements/*/fulfilment", PROGRAMME_OFFICER, LOGISTICS_OFFICER,
                        SHELTER_PARTNER, ANALYST)
                .allow(HttpMethod.GET, "/api/reports/alerts", PROGRAMME_OFFICER, LOGISTICS_OFFICER, SHELTER_PARTNER, ANALYST)
                // programme-level figures: donors too
                .allow(HttpMethod.GET, "/api/reports/programme", PROGRAMME_OFFICER, LOGISTICS_OFFICER, SHELTER_PARTNER,
                        ANALYST, DONOR)
                .allow(HttpMethod.GET, "/api/reports/delivery-performance", PROGRAMME_OFFICER, LOGISTICS_OFFICER,
                        SHELTER_PARTNER, ANALYST, DONOR)
                .allow(HttpMethod.GET, "/api/reports/arrivals-trend", PROGRAMME_OFFICER, LOGISTICS_OFFICER, SHELTER_PARTNER,
                        ANALYST, DONOR)
                .allow(HttpMethod.GET, "/api/reports/exports/*", PROGRAMME_OFFICER, LOGISTICS_OFFICER, SHELTER_PARTNER,
                        ANALYST, DONOR)
                // operations
                .allow(HttpMethod.POST, "/api/reports/rebuild", OPERATIONS)
                .allow(HttpMethod.GET, "/api/reports/rebuild", OPERATIONS)
                .allow(HttpMethod.GET, "/api/audit/agreements/*", OPERATIONS)
                .allow(HttpMethod.GET, "/api/audit/shipments/*", OPERATIONS)
                // who is signed in, and the dashboard's own files (what each panel shows is the API's answer)
                .authenticated(HttpMethod.GET, "/api/me")
                .authenticated(HttpMethod.GET, "/")
                .authenticated(HttpMethod.GET, "/dashboard")
                .authenticated(HttpMethod.GET, "/dashboard/**")
                .authenticated(HttpMethod.GET, "/webjars/**")
                .build();
    }
}
