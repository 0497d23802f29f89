package org.shelters.agreements.shelter;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shelters.agreements.metrics.ProgrammeMetrics;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.MexicanStates;
import org.shelters.platform.context.Ids;
import org.shelters.platform.domain.Decision;
import org.shelters.platform.domain.ProgrammeCalendar;
import org.shelters.platform.domain.Refusal;
import org.shelters.platform.outbox.ConcurrentUpdateException;
import org.shelters.platform.outbox.Stored;
import org.shelters.platform.query.Page;
import org.shelters.platform.query.PageRequest;
import org.shelters.platform.security.Caller;
import org.shelters.platform.security.Role;
import org.shelters.platform.web.IfMatch;
import org.springframework.stereotype.Service;

/**
 * Runs shelter commands: load, let {@link Shelter} decide, store state and events in one write. The
 * registry's one-registration-per-shelter rule is kept by {@link ShelterNames} around the writes
 * that give a shelter its name or take it away.
 */
@Service
public class ShelterService {

    private static final int ARRIVALS_ATTEMPTS = 5;
    /** The longest range of days one read-back answers. */
    public static final int MAX_READ_BACK_DAYS = 366;
    /** The days a read-back covers when it names no {@code from}: the last 30. */
    static final int DEFAULT_READ_BACK_DAYS = 30;

    private final ShelterRepository repository;
    private final ShelterNames names;
    private final ShelterAgreements agreements;
    private final ProgrammeCalendar calendar;
    private final ProgrammeMetrics metrics;
    private final ArrivalReports reports;

    public ShelterService(ShelterRepository repository, ShelterNames names, ShelterAgreements agreements,
                          ProgrammeCalendar calendar, ProgrammeMetrics metrics, ArrivalReports reports) {
        this.reports = reports;
        this.repository = repository;
        this.names = names;
        this.agreements = agreements;
        this.calendar = calendar;
        this.metrics = metrics;
    }

    /** @throws Refusal {@code shelter-already-registered} (409) when the same shelter is in the registry already */
    public Stored<Shelter> register(ShelterProfile profile) {
        String id = Ids.next();
        Decision<Shelter> decision = Shelter.register(id, profile);
        return names.registering(decision.state(), () -> repository.create(id, decision));
    }

    /** Without the caller's scope: for commands that look a shelter up for a programme-wide role (drafting, signing). */
    public Optional<Stored<Shelter>> find(String shelterId) {
        return repository.find(shelterId);
    }

    /**
     * The shelter, for a caller who may see it: every read and every command goes through here, so a
     * shelter partner of another shelter is refused (403) on all of them, and only once the shelter
     * is known to exist (an unknown id stays 404 for everyone).
     *
     * @throws Refusal {@code not-found} (404), or {@code forbidden} (403) for a partner of another shelter
     */
    public Stored<Shelter> get(String shelterId) {
        Stored<Shelter> stored = repository.get(shelterId);
        Caller.current().requireShelter(stored.id());
        return stored;
    }

    /**
     * A partner's list holds only its own shelters, filtered in the store query.
     *
     * @param state an ISO 3166-2:MX code; any other value is refused rather than matching nothing
     */
    public Page<ShelterView> list(String state, Corridor corridor, boolean includeRetired, PageRequest page) {
        if (state != null && !state.isBlank() && !MexicanStates.isValid(state)) {
            throw Refusal.invalid("state", "must be one of the 32 ISO 3166-2:MX codes");
        }
        return repository.page(ShelterScope.of(Caller.current()), state, corridor, includeRetired, page)
                .map(ShelterView::of);
    }

    public Stored<Shelter> updateProfile(String shelterId, String ifMatch, ShelterProfile profile) {
        Stored<Shelter> current = get(shelterId);
        IfMatch.check(ifMatch, current);
        Decision<Shelter> decision = current.state().updateProfile(profile);
        if (!decision.changed()) {
            return current;
        }
        return names.renaming(current.state(), decision.state(), () -> repository.update(current, decision));
    }

    /**
     * Whether an agreement is in force is read here and handed to the aggregate, which stays pure.
     * The name is given back after the retirement landed, so the correct registration can follow.
     */
    public Stored<Shelter> retire(String shelterId, String ifMatch, RetireShelter command) {
        Stored<Shelter> current = get(shelterId);
        IfMatch.check(ifMatch, current);
        Decision<Shelter> decision = current.state().retire(command, agreements.inForce(shelterId), calendar.today());
        Stored<Shelter> retired = repository.update(current, decision);
        names.retired(retired.state());
        return retired;
    }

    /**
     * Reports are independent of each other, so a lost race with another report for the same shelter
     * is simply retried on the fresh version instead of bothering the client with a 409.
     */
    public ArrivalsRecorded reportArrivals(String shelterId, ArrivalsReport report) {
        LocalDate today = calendar.today();
        for (int attempt = 1; ; attempt++) {
            Stored<Shelter> current = get(shelterId);
            requireReporterOf(shelterId);
            Decision<Shelter> decision = current.state().reportArrivals(report, today);
            try {
                repository.update(current, decision);
                // the read-back follows from the published event (ArrivalsReadBackProjection), never a second write here
                int revision = decision.state().arrivalRevision(report.date());
                metrics.arrivalsReported(decision.state().corridor(), revision > 1);
                return new ArrivalsRecorded(shelterId, report.date(), revision, revision > 1);
            } catch (ConcurrentUpdateException e) {
                if (attempt >= ARRIVALS_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * What a shelter reported for each day from {@code from} to {@code to} (inclusive; default the
     * last {@value #DEFAULT_READ_BACK_DAYS} days to today), the latest correction of each; at most
     * {@value #MAX_READ_BACK_DAYS} days. A partner reads only its own shelters (403 otherwise, via {@link #get}).
     *
     * <p>The days come from the event projection, a fraction of a second behind the shelter's own write.
     * The shelter knows the latest revision of every day it accepted, so the answer names the days
     * whose latest report is not in the read-back yet ({@code pending}): a client that has just
     * reported and sees its day there reads again.
     *
     * @throws Refusal INVALID naming {@code from} or {@code to} when the range is reversed or too long
     */
    public ArrivalsReadBack arrivals(String shelterId, LocalDate from, LocalDate to) {
        Stored<Shelter> shelter = get(shelterId);
        LocalDate last = to != null ? to : calendar.today();
        LocalDate first = from != null ? from : last.minusDays(DEFAULT_READ_BACK_DAYS - 1);
        org.shelters.platform.domain.Violations v = new org.shelters.platform.domain.Violations();
        v.require(!first.isAfter(last), "from", "must not be after to (" + last + ")");
        v.require(first.isAfter(last) || java.time.temporal.ChronoUnit.DAYS.between(first, last) < MAX_READ_BACK_DAYS,
                "from", "a read-back covers at most " + MAX_READ_BACK_DAYS + " days (from " + first + " to " + last + ")");
        v.throwIfAny();
        List<DailyArrivals> days = reports.between(shelter.id(), first, last);
        return new ArrivalsReadBack(shelter.id(), first, last, days, pending(shelter.state(), days, first, last));
    }

    /** The days of first..last whose latest accepted revision is later than the one the read-back holds. */
    private static List<LocalDate> pending(Shelter shelter, List<DailyArrivals> days, LocalDate first, LocalDate last) {
        Map<LocalDate, Integer> held = new HashMap<>();
        days.forEach(day -> held.put(day.date(), day.revision()));
        List<LocalDate> pending = new ArrayList<>();
        shelter.arrivalRevisions().forEach((date, revision) -> {
            LocalDate day = LocalDate.parse(date);
            if (!day.isBefore(first) && !day.isAfter(last) && held.getOrDefault(day, 0) < revision) {
                pending.add(day);
            }
        });
        pending.sort(null);
        return pending;
    }

    /**
     * Arrivals are the shelter's own figures: only a partner of that shelter (or an admin) reports
     * them. Checked here as well as by {@link #get}, because a programme-wide role held next to
     * SHELTER_PARTNER widens what a caller may <em>read</em> to every shelter, not whose figures it
     * may report (a programme officer who is also partner of A reports for A only).
     */
    private static void requireReporterOf(String shelterId) {
        Caller caller = Caller.current();
        if (!caller.has(Role.ADMIN) && !caller.shelters().contains(shelterId)) {
            throw Caller.forbidden();
        }
    }
}
