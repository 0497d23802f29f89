package org.shelters.events.shelters;

import java.util.List;

/** The full new profile of a shelter (not a diff), so a consumer needs no earlier event to use it. */
public record ShelterProfileUpdated(
        String shelterId,
        String name,
        String state,
        String municipality,
        Corridor corridor,
        int capacity,
        List<ShelterServiceOffered> services) implements ShelterEvent {

    public ShelterProfileUpdated {
        services = services == null ? List.of() : List.copyOf(services);
    }
}
