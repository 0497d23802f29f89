package org.shelters.agreements.shelter;

import java.time.LocalDate;
import java.util.List;
import org.shelters.events.shelters.MexicanStates;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.ShelterServiceOffered;
import org.shelters.platform.outbox.Stored;

/**
 * A shelter as the API shows it; {@code version} is also the ETag. A retired shelter is still shown,
 * with {@code retired: true} and why and when; {@code retirementReason} and {@code retiredOn} are
 * null otherwise.
 */
public record ShelterView(
        String shelterId,
        String name,
        String state,
        String stateName,
        String municipality,
        Corridor corridor,
        int capacity,
        List<ShelterServiceOffered> services,
        boolean demo,
        int reportedDays,
        boolean retired,
        String retirementReason,
        LocalDate retiredOn,
        long version) {

    static ShelterView of(Stored<Shelter> stored) {
        Shelter s = stored.state();
        Retirement retirement = s.retirement();
        return new ShelterView(s.shelterId(), s.name(), s.state(), MexicanStates.name(s.state()).orElse(null),
                s.municipality(), s.corridor(), s.capacity(), s.services(), s.demo(), s.arrivalRevisions().size(),
                s.retired(), retirement == null ? null : retirement.reason(),
                retirement == null ? null : retirement.retiredOn(), stored.version());
    }
}
