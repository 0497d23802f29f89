package org.shelters.events.shelters;

import org.shelters.events.EventPayload;

/** Events of topic {@code shelters.v1}, keyed by shelterId. */
public sealed interface ShelterEvent extends EventPayload
        permits ShelterRegistered, ShelterProfileUpdated, ShelterArrivalsReported, ShelterRetired {

    String shelterId();

    @Override
    default String aggregateId() {
        return shelterId();
    }
}
