package org.shelters.agreements.shelter;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.ShelterArrivalsReported;
import org.shelters.events.shelters.ShelterProfileUpdated;
import org.shelters.events.shelters.ShelterRegistered;
import org.shelters.events.shelters.ShelterRetired;
import org.shelters.events.shelters.ShelterServiceOffered;
import org.shelters.platform.domain.Decision;
import org.shelters.platform.domain.Refusal;

/**
 * A shelter of the registry: its profile, and for each reported date the revision of the latest
 * arrivals report. Arrivals reports belong to the shelter's own event stream (key and sequence =
 * shelterId), so the shelter aggregate numbers them; the figures themselves live only in the events
 * (the reporting service projects them), this state keeps just one small integer per date.
 *
 * <p>A shelter registered by mistake is retired: it stays readable, but takes no further command,
 * so nothing more is ever recorded against it.
 *
 * @param arrivalRevisions ISO date (yyyy-MM-dd) -> revision of the latest report for that date
 * @param retirement       null while the shelter is in the registry
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
        Map<String, Integer> arrivalRevisions,
        Retirement retirement) {

    public Shelter {
        services = services == null ? List.of() : List.copyOf(services);
        arrivalRevisions = arrivalRevisions == null ? Map.of() : Map.copyOf(arrivalRevisions);
    }

    public static Decision<Shelter> register(String shelterId, ShelterProfile profile) {
        profile.validate();
        boolean demo = Boolean.TRUE.equals(profile.demo());
        Shelter shelter = new Shelter(shelterId, profile.name().trim(), profile.state(), profile.municipality().trim(),
                profile.corridor(), profile.capacity(), profile.servicesOrEmpty(), demo, Map.of(), null);
        return Decision.of(shelter, new ShelterRegistered(shelterId, shelter.name, shelter.state, shelter.municipality,
                shelter.corridor, shelter.capacity, shelter.services, demo));
    }

    public Decision<Shelter> updateProfile(ShelterProfile profile) {
        profile.validate();
        refuseIfRetired();
        Shelter updated = new Shelter(shelterId, profile.name().trim(), profile.state(), profile.municipality().trim(),
                profile.corridor(), profile.capacity(), profile.servicesOrEmpty(), demo, arrivalRevisions, retirement);
        if (updated.equals(this)) {
            return Decision.unchanged(this);
        }
        return Decision.of(updated, new ShelterProfileUpdated(shelterId, updated.name, updated.state, updated.municipality,
                updated.corridor, updated.capacity, updated.services));
    }

    /** A report for a date already reported is a correction: the next revision replaces the earlier figures. */
    public Decision<Shelter> reportArrivals(ArrivalsReport report, LocalDate today) {
        report.validate(today);
        refuseIfRetired();
        String day = report.date().toString();
        int revision = arrivalRevisions.getOrDefault(day, 0) + 1;
        Map<String, Integer> revisions = new HashMap<>(arrivalRevisions);
        revisions.put(day, revision);
        Shelter updated = new Shelter(shelterId, name, state, municipality, corridor, capacity, services, demo, revisions,
                retirement);
        return Decision.of(updated, new ShelterArrivalsReported(shelterId, report.date(), revision, report.arrivals(),
                report.women(), report.men(), report.girls(), report.boys(), report.unaccompaniedChildren(),
                report.olderPersons(), report.reportedKidnapOrTraffickingVictims(), report.overnightOccupancy()));
    }

    /**
     * Takes a shelter registered by mistake out of the registry. One with an agreement in force
     * (signed or suspended) cannot go: its agreement would be left without a shelter, and what
     * moved under it would vanish from the figures.
     *
     * @param agreementsInForce ids of the shelter's agreements that are signed or suspended
     * @param today             the programme calendar's day, the day of the retirement
     */
    public Decision<Shelter> retire(RetireShelter command, List<String> agreementsInForce, LocalDate today) {
        command.validate();
        refuseIfRetired();
        if (!agreementsInForce.isEmpty()) {
            throw Refusal.rule("shelter-has-agreements-in-force", null, "shelter '" + shelterId
                    + "' has agreements in force (" + String.join(", ", agreementsInForce)
                    + "); complete or terminate them before retiring the shelter");
        }
        Retirement retired = new Retirement(command.reason().strip(), today);
        Shelter updated = new Shelter(shelterId, name, state, municipality, corridor, capacity, services, demo,
                arrivalRevisions, retired);
        return Decision.of(updated, new ShelterRetired(shelterId, retired.reason(), retired.retiredOn()));
    }

    /** Not {@code isRetired()}: the store's mapping would take a bean getter for a stored property. */
    public boolean retired() {
        return retirement != null;
    }

    /**
     * Every command on a shelter, and every agreement drafted or signed for it, asks this first:
     * a retired shelter never took part in the programme.
     *
     * @throws Refusal {@code shelter-retired} (409)
     */
    public void refuseIfRetired() {
        if (retired()) {
            throw Refusal.conflict("shelter-retired", "shelter '" + shelterId + "' was retired on " + retirement.retiredOn()
                    + " (" + retirement.reason() + ") and takes no further commands");
        }
    }

    public int arrivalRevision(LocalDate date) {
        return arrivalRevisions.getOrDefault(date.toString(), 0);
    }
}
