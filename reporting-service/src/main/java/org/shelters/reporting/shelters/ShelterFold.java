package org.shelters.reporting.shelters;

import java.util.ArrayList;
import java.util.List;
import org.shelters.events.EventSwitch;
import org.shelters.events.Topics;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.ShelterArrivalsReported;
import org.shelters.events.shelters.ShelterEvent;
import org.shelters.events.shelters.ShelterProfileUpdated;
import org.shelters.events.shelters.ShelterRegistered;
import org.shelters.events.shelters.ShelterRetired;
import org.shelters.events.shelters.ShelterServiceOffered;
import org.shelters.reporting.projection.Applying;
import org.shelters.reporting.projection.Changes;
import org.shelters.reporting.projection.Projection;
import org.shelters.reporting.projection.TopicProjection;

/** The write side of {@code shelters.v1}: a shelter's profile, and its figures per date. */
public final class ShelterFold {

    public static final Projection<ShelterDoc> SHELTERS =
            new Projection<>("shelter_overview", ShelterDoc.class, ShelterDoc::empty, List.of("state", "corridor"));
    public static final Projection<ArrivalsDoc> ARRIVALS =
            new Projection<>("shelter_arrivals", ArrivalsDoc.class, ArrivalsDoc::empty,
                    List.of("shelterId,date"));

    /**
     * A daily report changes only the document of its shelter and date, so it rewrites a small
     * document rather than a year of them; profile events change the shelter's own document.
     */
    static final EventSwitch<ShelterEvent, Changes> FOLD = EventSwitch.over(ShelterEvent.class, Changes.class)
            .on(ShelterRegistered.class, (changes, event) ->
                    changes.change(SHELTERS, event.shelterId(), at -> registered(at, event)))
            .on(ShelterProfileUpdated.class, (changes, event) ->
                    changes.change(SHELTERS, event.shelterId(), at -> updated(at, event)))
            .on(ShelterArrivalsReported.class, (changes, event) ->
                    changes.change(ARRIVALS, ArrivalsDoc.idOf(event.shelterId(), event.date().toString()),
                            at -> reported(at.doc(), event)))
            .on(ShelterRetired.class, (changes, event) ->
                    changes.change(SHELTERS, event.shelterId(), at -> retired(at, event)))
            .build();

    public static final TopicProjection<ShelterEvent> PROJECTION =
            new TopicProjection<>(Topics.SHELTERS, List.of(SHELTERS, ARRIVALS), FOLD::apply);

    private ShelterFold() {
    }

    /** Registration and updates both set the profile: stamped, so a late registration never undoes an update. */
    static final String PROFILE = "profile";

    /** Stamped too: of two retirements the later one's reason and date win, whatever the order they arrive in. */
    static final String RETIREMENT = "retirement";

    static void registered(Applying<ShelterDoc> at, ShelterRegistered r) {
        at.doc().registered = true;
        at.doc().demo = r.demo();
        profile(at, r.name(), r.state(), r.municipality(), r.corridor(), r.capacity(), r.services());
    }

    static void updated(Applying<ShelterDoc> at, ShelterProfileUpdated u) {
        profile(at, u.name(), u.state(), u.municipality(), u.corridor(), u.capacity(), u.services());
    }

    /**
     * Only the shelter's own document is marked: its arrivals, and the agreements and shipments
     * recorded against it, stay as they are and leave the reports with it when they are read
     * ({@code ReportSnapshot#sheltersMatching}), so nothing has to be found and rewritten here.
     */
    static void retired(Applying<ShelterDoc> at, ShelterRetired r) {
        if (!at.sets(RETIREMENT)) {
            return;
        }
        ShelterDoc.Retirement retirement = new ShelterDoc.Retirement();
        retirement.reason = r.reason();
        retirement.retiredOn = r.retiredOn();
        at.doc().retirement = retirement;
    }

    /**
     * A correction (higher revision) replaces the figures of its date; an older revision never
     * wins, so the revision, not the arrival order, decides (also for a late report).
     */
    static void reported(ArrivalsDoc doc, ShelterArrivalsReported a) {
        if (doc.figures == null || a.revision() >= doc.figures.revision) {
            doc.figures = figures(a);
        }
    }

    private static void profile(Applying<ShelterDoc> at, String name, String state, String municipality,
                                Corridor corridor, int capacity, List<ShelterServiceOffered> services) {
        if (!at.sets(PROFILE)) {
            return;
        }
        ShelterDoc doc = at.doc();
        doc.name = name;
        doc.state = state;
        doc.municipality = municipality;
        doc.corridor = corridor;
        doc.capacity = capacity;
        doc.services = new ArrayList<>(services.stream().map(Enum::name).toList());
    }

    private static DailyArrivals figures(ShelterArrivalsReported a) {
        DailyArrivals d = new DailyArrivals();
        d.revision = a.revision();
        d.arrivals = a.arrivals();
        d.women = a.women();
        d.men = a.men();
        d.girls = a.girls();
        d.boys = a.boys();
        d.unaccompaniedChildren = a.unaccompaniedChildren();
        d.olderPersons = a.olderPersons();
        d.reportedKidnapOrTraffickingVictims = a.reportedKidnapOrTraffickingVictims();
        d.overnightOccupancy = a.overnightOccupancy();
        return d;
    }
}
