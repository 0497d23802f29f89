package org.shelters.agreements.web;

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
 * Who may call which operation of this service (function level; ADMIN may call everything, and an
 * operation named here by no rule is denied to everyone, so a new endpoint waits for a decision).
 * One rule per documented operation, written with the OpenAPI document's own path templates, so
 * {@code AccessMatrixIT} and the README's matrix line up with it row by row.
 *
 * <p>Shelter partners pass here only for what they may do to their <em>own</em> shelters; which
 * shelter that is, is checked per object by the services ({@code ShelterService},
 * {@code AgreementService}) from the caller of each request. DONOR is named nowhere: donors read
 * programme-level reports in reporting-service, not the operational registry.
 */
@Configuration(proxyBeanMethods = false)
public class AccessConfiguration {

    /** Every read of shelters and agreements; partners see only their own shelters' (checked per object). */
    static final Role[] READERS = {PROGRAMME_OFFICER, LOGISTICS_OFFICER, SHELTER_PARTNER, ANALYST, OPERATIONS};

    @Bean
    AccessRules agreementsAccessRules() {
        return AccessRules.builder()
                // shelters
                .allow(HttpMethod.POST, "/api/shelters", PROGRAMME_OFFICER)
                .allow(HttpMethod.GET, "/api/shelters", READERS)
                .allow(HttpMethod.GET, "/api/shelters/{shelterId}", READERS)
                .allow(HttpMethod.PUT, "/api/shelters/{shelterId}", PROGRAMME_OFFICER)
                .allow(HttpMethod.POST, "/api/shelters/{shelterId}/retire", PROGRAMME_OFFICER)
                // the shelter's own daily figures: reported (and corrected) by the shelter itself
                .allow(HttpMethod.POST, "/api/shelters/{shelterId}/arrivals", SHELTER_PARTNER)
                // read back: the shelter itself, and the programme roles that read arrivals in reporting too
                .allow(HttpMethod.GET, "/api/shelters/{shelterId}/arrivals", PROGRAMME_OFFICER, SHELTER_PARTNER, ANALYST)
                // agreements and the trainings delivered under them
                .allow(HttpMethod.POST, "/api/agreements", PROGRAMME_OFFICER)
                .allow(HttpMethod.GET, "/api/agreements", READERS)
                .allow(HttpMethod.GET, "/api/agreements/{agreementId}", READERS)
                .allow(HttpMethod.POST, "/api/agreements/{agreementId}/sign", PROGRAMME_OFFICER)
                .allow(HttpMethod.POST, "/api/agreements/{agreementId}/amend", PROGRAMME_OFFICER)
                .allow(HttpMethod.POST, "/api/agreements/{agreementId}/suspend", PROGRAMME_OFFICER)
                .allow(HttpMethod.POST, "/api/agreements/{agreementId}/resume", PROGRAMME_OFFICER)
                .allow(HttpMethod.POST, "/api/agreements/{agreementId}/terminate", PROGRAMME_OFFICER)
                .allow(HttpMethod.POST, "/api/agreements/{agreementId}/complete", PROGRAMME_OFFICER)
                .allow(HttpMethod.POST, "/api/agreements/{agreementId}/trainings", PROGRAMME_OFFICER)
                .build();
    }
}
