package org.shelters.agreements.shelter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.shelters.agreements.it.Fixtures;
import org.shelters.agreements.it.IntegrationTest;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.ShelterServiceOffered;
import org.shelters.platform.claim.Claims;
import org.shelters.platform.domain.Decision;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/** What is left behind — shelters registered before names were claimed, claims of writes that never landed — is settled. */
class ShelterNameClaimsIT extends IntegrationTest {

    @Autowired
    ShelterRepository repository;
    @Autowired
    ExistingShelterNames existing;
    @Autowired
    MongoTemplate mongo;

    private static String name(String what) {
        return "Albergue " + what + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The shelter {@link #registration} sends, as the aggregate decides it. */
    private static Decision<Shelter> registered(String id, String name) {
        return Shelter.register(id, new ShelterProfile(name, "MX-GRO", "Municipio " + name, Corridor.CENTRE, 40,
                List.of(ShelterServiceOffered.LODGING), false));
    }

    /** Stored the way shelters were before names were claimed: the aggregate only. */
    private void storedWithoutClaim(String name) {
        String id = UUID.randomUUID().toString();
        repository.create(id, registered(id, name));
    }

    private int registration(String name) {
        return http().post("/api/shelters", Fixtures.shelter(name, "MX-GRO", "CENTRE", 40)).status();
    }

    @Test
    void aShelterRegisteredBeforeNamesWereClaimedClaimsItsNameAtStartUp() {
        String name = name("Anterior");
        storedWithoutClaim(name);

        existing.claimTheirNames();

        assertThat(registration(name.toUpperCase())).isEqualTo(409);
    }

    @Test
    void twoSheltersRegisteredTwiceBeforeNamesWereClaimedDoNotStopTheStartUp() {
        String name = name("Doble");
        storedWithoutClaim(name);
        storedWithoutClaim(name);

        existing.claimTheirNames();

        assertThat(registration(name)).isEqualTo(409);
    }

    @Test
    void aClaimWhoseRegistrationNeverLandedIsTakenOverOnceAbandoned() {
        String name = name("Huérfano");
        leaveClaim(registered("never-stored-" + UUID.randomUUID(), name).state(), Instant.now().minus(ShelterNames.ABANDONED_AFTER)
                .minusSeconds(10));

        assertThat(registration(name)).isEqualTo(201);
    }

    @Test
    void aFreshClaimWhoseRegistrationIsStillLandingIsRespected() {
        String name = name("En Curso");
        leaveClaim(registered("landing-" + UUID.randomUUID(), name).state(), Instant.now());

        assertThat(registration(name)).isEqualTo(409);
    }

    private void leaveClaim(Shelter shelter, Instant claimedAt) {
        mongo.getCollection(ShelterNames.COLLECTION).insertOne(new Document("_id", ShelterKey.of(shelter).value())
                .append(Claims.CLAIMED_AT, Date.from(claimedAt)).append("shelterId", shelter.shelterId()));
    }
}
