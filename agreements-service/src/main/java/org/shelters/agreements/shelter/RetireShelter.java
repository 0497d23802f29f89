package org.shelters.agreements.shelter;

import io.swagger.v3.oas.annotations.media.Schema;
import org.shelters.platform.domain.Violations;

/** The body of {@code POST /api/shelters/{id}/retire}. */
@Schema(description = "Why the shelter is retired")
public record RetireShelter(
        @Schema(description = "Why the shelter was registered by mistake, e.g. a duplicate of another registration",
                requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = RetireShelter.MAX_REASON,
                example = "registered twice")
        String reason) {

    /** The longest text ShelterRetired's schema carries. */
    static final int MAX_REASON = 500;

    /** @throws org.shelters.platform.domain.Refusal INVALID naming the reason when it is missing, blank or too long */
    void validate() {
        Violations v = new Violations();
        if (v.notBlank(reason, "reason")) {
            v.require(reason.strip().length() <= MAX_REASON, "reason", "must be at most " + MAX_REASON + " characters");
        }
        v.throwIfAny();
    }
}
