package org.shelters.events.shelters;

import java.util.List;

/**
 * A shelter joined the registry.
 *
 * @param state    ISO 3166-2:MX code, e.g. MX-CHP
 * @param capacity beds
 * @param demo     true for demonstration data, which reports must be able to tell apart
 */
public record ShelterRegistered(
        String shelterId,
        String name,
        String state,
        String municipality,
        Corridor corridor,
        int capacity,
        List<ShelterServiceOffered> services,
        boolean demo) implements ShelterEvent {

    public ShelterRegistered {
        services = services == null ? List.of() : List.copyOf(services);
    }
}
