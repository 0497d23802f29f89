package org.shelters.agreements.shelter;

import java.util.List;

/**
 * What retiring a shelter needs to know of its agreements. Declared here and answered by the
 * agreements' repository, so this package keeps depending on nothing of the agreement package,
 * which depends on it.
 */
public interface ShelterAgreements {

    /** Ids of the shelter's agreements in force (signed or suspended), oldest first. */
    List<String> inForce(String shelterId);
}
