package org.shelters.agreements.shelter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.MexicanStates;
import org.shelters.events.shelters.ShelterArrivalsReported;
import org.shelters.events.shelters.ShelterProfileUpdated;
import org.shelters.events.shelters.ShelterRegistered;
import org.shelters.events.shelters.ShelterRetired;
import org.shelters.events.shelters.ShelterServiceOffered;
import org.shelters.platform.domain.Decision;
import org.shelters.platform.domain.Refusal;
import org.shelters.agreements.FieldsAtFault;

class ShelterTest {

    static final LocalDate TODAY = LocalDate.of(2026, 5, 20);

    static ShelterProfile profile(String state, int capacity) {
        return new ShelterProfile("Albergue Hermanos en el Camino", state, "Ixtepec", Corridor.SOUTHERN_BORDER, capacity,
                List.of(ShelterServiceOffered.LODGING, ShelterServiceOffered.FOOD), false);
    }

    static ArrivalsReport report(LocalDate date, int arrivals, int women, int men, int girls, int boys) {
        return new ArrivalsReport(date, arrivals, women, men, girls, boys, 3, 2, 1, 90);
    }

    private static List<String> fieldsAtFault(Runnable command) {
        return FieldsAtFault.of(command);
    }

    @Test
    void registeringAShelterPublishesShelterRegisteredWithItsProfile() {
        Decision<Shelter> decision = Shelter.register("s-1", profile("MX-OAX", 120));

        assertThat(decision.events()).singleElement().isInstanceOfSatisfying(ShelterRegistered.class, e -> {
            assertThat(e.shelterId()).isEqualTo("s-1");
            assertThat(e.state()).isEqualTo("MX-OAX");
            assertThat(e.capacity()).isEqualTo(120);
            assertThat(e.demo()).isFalse();
        });
        assertThat(decision.state().arrivalRevisions()).isEmpty();
    }

    @Test
    void subGroupsThatOverflowAnIntStillMayNotExceedTheTotal() {
        int max = Integer.MAX_VALUE;
        Shelter shelter = Shelter.register("s-1", profile("MX-OAX", 120)).state();

        assertThat(fieldsAtFault(() -> shelter.reportArrivals(report(TODAY, max, max, max, 0, 0), TODAY)))
                .contains("arrivals");
    }

    @Test
    void aStateOutsideTheThirtyTwoIsoCodesIsRefused() {
        assertThat(fieldsAtFault(() -> Shelter.register("s-1", profile("MX-XXX", 10)))).containsExactly("state");
        assertThat(fieldsAtFault(() -> Shelter.register("s-1", profile("US-TX", 10)))).containsExactly("state");
        assertThat(MexicanStates.all()).hasSize(32).containsKeys("MX-CHP", "MX-CHH", "MX-CMX", "MX-ZAC");
    }

    @Test
    void everyMissingFieldOfTheProfileIsNamed() {
        ShelterProfile empty = new ShelterProfile(" ", null, null, null, 0, null, null);
        assertThat(fieldsAtFault(() -> Shelter.register("s-1", empty)))
                .containsExactlyInAnyOrder("name", "state", "municipality", "corridor", "capacity");
    }

    @Test
    void aProfileUpdateCarriesTheFullNewProfileAndAnUnchangedProfileEmitsNothing() {
        Shelter shelter = Shelter.register("s-1", profile("MX-OAX", 120)).state();

        Decision<Shelter> bigger = shelter.updateProfile(profile("MX-OAX", 150));
        assertThat(bigger.events()).singleElement().isInstanceOfSatisfying(ShelterProfileUpdated.class, e -> {
            assertThat(e.capacity()).isEqualTo(150);
            assertThat(e.municipality()).isEqualTo("Ixtepec");
            assertThat(e.services()).containsExactly(ShelterServiceOffered.LODGING, ShelterServiceOffered.FOOD);
        });
        assertThat(shelter.updateProfile(profile("MX-OAX", 120)).events()).isEmpty();
    }

    @Test
    void aFirstReportForADateIsRevisionOneAndReportingTheSameDateAgainIsACorrectionNotAnAddition() {
        Shelter shelter = Shelter.register("s-1", profile("MX-OAX", 120)).state();
        LocalDate day = TODAY.minusDays(1);

        Decision<Shelter> first = shelter.reportArrivals(report(day, 100, 30, 50, 10, 10), TODAY);
        Decision<Shelter> correction = first.state().reportArrivals(report(day, 90, 30, 40, 10, 10), TODAY);
        Decision<Shelter> otherDay = correction.state().reportArrivals(report(TODAY, 50, 10, 20, 10, 10), TODAY);

        assertThat(((ShelterArrivalsReported) first.events().get(0)).revision()).isEqualTo(1);
        ShelterArrivalsReported corrected = (ShelterArrivalsReported) correction.events().get(0);
        assertThat(corrected.revision()).isEqualTo(2);
        assertThat(corrected.arrivals()).isEqualTo(90);
        assertThat(((ShelterArrivalsReported) otherDay.events().get(0)).revision()).isEqualTo(1);
        assertThat(otherDay.state().arrivalRevision(day)).isEqualTo(2);
    }

    @Test
    void aReportForAFutureDateIsRefused() {
        Shelter shelter = Shelter.register("s-1", profile("MX-OAX", 120)).state();
        assertThat(fieldsAtFault(() -> shelter.reportArrivals(report(TODAY.plusDays(1), 10, 3, 3, 2, 2), TODAY)))
                .containsExactly("date");
    }

    @Test
    void aReportForADateTheEventsCannotStateIsRefused() {
        Shelter shelter = Shelter.register("s-1", profile("MX-OAX", 120)).state();
        assertThat(fieldsAtFault(() -> shelter.reportArrivals(report(LocalDate.of(-1, 12, 31), 10, 3, 3, 2, 2), TODAY)))
                .containsExactly("date");
    }

    @Test
    void subGroupsMayNotExceedTheTotal() {
        Shelter shelter = Shelter.register("s-1", profile("MX-OAX", 120)).state();
        ArrivalsReport tooManyWomen = new ArrivalsReport(TODAY, 10, 11, 0, 0, 0, 0, 0, 0, 10);
        assertThat(fieldsAtFault(() -> shelter.reportArrivals(tooManyWomen, TODAY))).contains("women", "arrivals");

        ArrivalsReport splitTooLarge = new ArrivalsReport(TODAY, 10, 5, 5, 1, 0, 0, 0, 0, 10);
        assertThat(fieldsAtFault(() -> shelter.reportArrivals(splitTooLarge, TODAY))).containsExactly("arrivals");

        ArrivalsReport unaccompaniedBeyondChildren = new ArrivalsReport(TODAY, 10, 4, 4, 1, 1, 3, 0, 0, 10);
        assertThat(fieldsAtFault(() -> shelter.reportArrivals(unaccompaniedBeyondChildren, TODAY)))
                .containsExactly("unaccompaniedChildren");

        ArrivalsReport victims = new ArrivalsReport(TODAY, 10, 4, 4, 1, 1, 0, 11, 12, 10);
        assertThat(fieldsAtFault(() -> shelter.reportArrivals(victims, TODAY)))
                .containsExactlyInAnyOrder("olderPersons", "reportedKidnapOrTraffickingVictims");
    }

    @Test
    void countsMustBePresentAndNonNegative() {
        Shelter shelter = Shelter.register("s-1", profile("MX-OAX", 120)).state();
        ArrivalsReport negative = new ArrivalsReport(TODAY, -1, 0, 0, 0, 0, 0, 0, 0, null);
        assertThat(fieldsAtFault(() -> shelter.reportArrivals(negative, TODAY)))
                .containsExactlyInAnyOrder("arrivals", "overnightOccupancy");
    }

    @Test
    void occupancyAboveCapacityIsAcceptedBecauseSurgesHappen() {
        Shelter shelter = Shelter.register("s-1", profile("MX-CHH", 150)).state();
        Decision<Shelter> surge = shelter.reportArrivals(new ArrivalsReport(TODAY, 640, 200, 300, 70, 70, 25, 10, 4, 610), TODAY);
        assertThat(((ShelterArrivalsReported) surge.events().get(0)).overnightOccupancy()).isEqualTo(610);
    }

    @Test
    void retiringPublishesShelterRetiredWithTheReasonAndTheDayAndKeepsTheProfile() {
        Shelter shelter = Shelter.register("s-1", profile("MX-OAX", 120)).state();

        Decision<Shelter> retired = shelter.retire(new RetireShelter("  registered twice "), List.of(), TODAY);

        assertThat(retired.events()).singleElement().isEqualTo(new ShelterRetired("s-1", "registered twice", TODAY));
        assertThat(retired.state().retired()).isTrue();
        assertThat(retired.state().retirement()).isEqualTo(new Retirement("registered twice", TODAY));
        assertThat(retired.state().name()).isEqualTo(shelter.name());
        assertThat(shelter.retired()).isFalse();
    }

    @Test
    void aShelterWithAgreementsInForceCannotBeRetiredAndTheRefusalNamesThem() {
        Shelter shelter = Shelter.register("s-1", profile("MX-OAX", 120)).state();

        Refusal refusal = catchThrowableOfType(Refusal.class,
                () -> shelter.retire(new RetireShelter("duplicate"), List.of("a-1", "a-2"), TODAY));

        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.RULE);
        assertThat(refusal.type()).isEqualTo("shelter-has-agreements-in-force");
        assertThat(refusal.getMessage()).contains("a-1", "a-2");
    }

    @Test
    void retiringNeedsAReasonTheEventCanCarry() {
        Shelter shelter = Shelter.register("s-1", profile("MX-OAX", 120)).state();

        assertThat(fieldsAtFault(() -> shelter.retire(new RetireShelter(null), List.of(), TODAY))).containsExactly("reason");
        assertThat(fieldsAtFault(() -> shelter.retire(new RetireShelter(" \t"), List.of(), TODAY))).containsExactly("reason");
        assertThat(fieldsAtFault(() -> shelter.retire(new RetireShelter("x".repeat(501)), List.of(), TODAY)))
                .containsExactly("reason");
        assertThat(shelter.retire(new RetireShelter("x".repeat(500)), List.of(), TODAY).changed()).isTrue();
    }

    @Test
    void aRetiredShelterRefusesProfileUpdatesArrivalsAndRetiringAgain() {
        Shelter retired = Shelter.register("s-1", profile("MX-OAX", 120)).state()
                .retire(new RetireShelter("test entry"), List.of(), TODAY).state();

        assertRetired(() -> retired.updateProfile(profile("MX-OAX", 150)));
        assertRetired(() -> retired.reportArrivals(report(TODAY, 10, 3, 3, 2, 2), TODAY));
        assertRetired(() -> retired.retire(new RetireShelter("again"), List.of(), TODAY));
        assertRetired(retired::refuseIfRetired);
    }

    @Test
    void aShelterInTheRegistryIsNotRefusedAsRetired() {
        Shelter shelter = Shelter.register("s-1", profile("MX-OAX", 120)).state();

        shelter.refuseIfRetired();
        assertThat(shelter.retirement()).isNull();
    }

    private static void assertRetired(Runnable command) {
        Refusal refusal = catchThrowableOfType(Refusal.class, command::run);
        assertThat(refusal).as("refused").isNotNull();
        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.CONFLICT);
        assertThat(refusal.type()).isEqualTo("shelter-retired");
        assertThat(refusal.getMessage()).contains("s-1", "test entry", TODAY.toString());
    }
}
