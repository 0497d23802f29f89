package org.shelters.agreements.shelter;

import java.util.List;
import org.shelters.platform.outbox.Stored;
import org.shelters.platform.query.PageRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Shelters registered before names were claimed hold no claim, so a second registration of one of
 * them would pass. At start-up each shelter in the registry claims its key (a no-op for those that
 * hold it); two that already share a key are only logged, since retiring one of them settles it.
 */
@Component
class ExistingShelterNames {

    private static final Logger log = LoggerFactory.getLogger(ExistingShelterNames.class);

    private final ShelterRepository shelters;
    private final ShelterNames names;

    ExistingShelterNames(ShelterRepository shelters, ShelterNames names) {
        this.shelters = shelters;
        this.names = names;
    }

    @EventListener(ApplicationReadyEvent.class)
    void claimTheirNames() {
        try {
            for (int number = 0; ; number++) {
                List<Stored<Shelter>> page = shelters.page(ShelterScope.every(), null, null, false,
                        PageRequest.of(number, PageRequest.MAX_SIZE)).items();
                page.forEach(stored -> names.adopt(stored.state()).ifPresent(other -> log.warn(
                        "shelters {} and {} are registered with the same name, state and municipality; retire the one "
                                + "registered by mistake", other, stored.id())));
                if (page.size() < PageRequest.MAX_SIZE) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            // the service still runs; the next start claims what this one could not
            log.warn("could not claim the names of the shelters registered so far: {}", e.toString());
        }
    }
}
