package org.shelters.agreements.shelter;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.MexicanStates;
import org.shelters.events.shelters.ShelterServiceOffered;
import org.shelters.platform.domain.Violations;

/**
 * What a programme officer says about a shelter, on registration and on every profile update
 * (always the full profile, never a diff). {@code demo} is only read on registration.
 */
public record ShelterProfile(
        @Schema(requiredMode = REQUIRED, maxLength = 200, example = "Albergue Hermanos en el Camino")
        String name,
        @Schema(requiredMode = REQUIRED, description = "ISO 3166-2:MX code of the state", example = "MX-OAX")
        String state,
        @Schema(requiredMode = REQUIRED, example = "Ciudad Ixtepec")
        String municipality,
        @Schema(requiredMode = REQUIRED)
        Corridor corridor,
        @Schema(requiredMode = REQUIRED, minimum = "1", description = "beds", example = "150")
        Integer capacity,
        List<ShelterServiceOffered> services,
        @Schema(description = "marks the demo programme's shelters; read on registration only")
        Boolean demo) {

    /** @throws org.shelters.platform.domain.Refusal INVALID naming every field at fault */
    void validate() {
        Violations v = new Violations();
        if (v.notBlank(name, "name")) {
            v.require(name.length() <= 200, "name", "must be at most 200 characters");
        }
        if (v.notBlank(state, "state")) {
            v.require(MexicanStates.isValid(state), "state", "must be one of the 32 ISO 3166-2:MX codes, e.g. MX-CHP");
        }
        v.notBlank(municipality, "municipality");
        v.notNull(corridor, "corridor");
        if (v.notNull(capacity, "capacity")) {
            v.require(capacity > 0, "capacity", "must be at least 1 bed");
        }
        if (services != null) {
            for (int i = 0; i < services.size(); i++) {
                v.require(services.get(i) != null, "services[" + i + "]", "must be a known service");
            }
        }
        v.throwIfAny();
    }

    List<ShelterServiceOffered> servicesOrEmpty() {
        return services == null ? List.of() : services.stream().distinct().toList();
    }
}
