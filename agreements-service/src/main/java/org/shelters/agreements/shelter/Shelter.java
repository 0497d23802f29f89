package org.shelters.agreements.shelter;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.ShelterArrivalsReported;
import org.shelters.events.shelters.ShelterProfileUpdated;
import org.shelters.events.shelters.ShelterRegistered;
import org.shelters.events.shelters.ShelterServiceOffered;
import org.shelters.platform.domain.Decision;

/**
 * A shelter of the registry: its profile, and for each reported date the revision of the latest
 * arrivals report. Arrivals reports belong to the shelter's own event stream (key and sequence =
 * shelterId), so the shelter aggregate numbers them; the figures themselves live only in the events
 * (the reporting service projects them), this state keeps just one small integer per date.
 *
 * @param arrivalRevisions ISO date (yyyy-MM-dd) -> revision of the latest report for that date
 */
public record Shelter(
        String shelterId,
        String name,
        String state,
        String municipality,
        Corridor corridor,
        int capacity,
        List<ShelterServiceOffered> services,
        boolean demo,
        Map<String, Integer> arrivalRevisions) {

    public Shelter {
        services = services == null ? List.of() : List.copyOf(services);
        arrivalRevisions = arrivalRevisions == null ? Map.of() : Map.copyOf(arrivalRevisions);
    }

    public static Decision<Shelter> register(String shelterId, ShelterProfile profile) {
        profile.validate();
        boolean demo = Boolean.TRUE.equals(profile.demo());
        Shelter shelter = new Shelter(shelterId, profile.name().trim(), profile.state(), profile.municipality().trim(),
                profile.corridor(), profile.capacity(), profile.servicesOrEmpty(), demo, Map.of());
        return Decision.of(shelter, new ShelterRegistered(shelterId, shelter.name, shelter.state, shelter.municipality,
                shelter.corridor, shelter.capacity, shelter.services, demo));
    }

    public Decision<Shelter> updateProfile(ShelterProfile profile) {
        profile.validate();
        Shelter updated = new Shelter(shelterId, profile.name().trim(), profile.state(), profile.municipality().trim(),
                profile.corridor(), profile.capacity(), profile.servicesOrEmpty(), demo, arrivalRevisions);
        if (updated.equals(this)) {
            return Decision.unchanged(this);
        }
        return Decision.of(updated, new ShelterProfileUpdated(shelterId, updated.name, updated.state, updated.municipality,
                updated.corridor, updated.capacity, updated.services));
    }

    /** A report for a date already reported is a correction: the next revision replaces the earlier figures. */
    public Decision<Shelter> reportArrivals(ArrivalsReport report, LocalDate today) {
        report.validate(today);
        String day = report.date().toString();
        int revision = arrivalRevisions.getOrDefault(day, 0) + 1;
        Map<String, Integer> revisions = new HashMap<>(arrivalRevisions);
        revisions.put(day, revision);
        Shelter updated = new Shelter(shelterId, name, state, municipality, corridor, capacity, services, demo, revisions);
        return Decision.of(updated, new ShelterArrivalsReported(shelterId, report.date(), revision, report.arrivals(),
                report.women(), report.men(), report.girls(), report.boys(), report.unaccompaniedChildren(),
                report.olderPersons(), report.reportedKidnapOrTraffickingVictims(), report.overnightOccupancy()));
    }

    public int arrivalRevision(LocalDate date) {
        return arrivalRevisions.getOrDefault(date.toString(), 0);
    }
}
