package org.shelters.agreements.shelter;

import java.time.LocalDate;
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
import org.shelters.platform.web.IfMatch;
import org.springframework.stereotype.Service;

/** Runs shelter commands: load, let {@link Shelter} decide, store state and events in one write. */
@Service
public class ShelterService {

    private static final int ARRIVALS_ATTEMPTS = 5;

    private final ShelterRepository repository;
    private final ProgrammeCalendar calendar;
    private final ProgrammeMetrics metrics;

    public ShelterService(ShelterRepository repository, ProgrammeCalendar calendar, ProgrammeMetrics metrics) {
        this.repository = repository;
        this.calendar = calendar;
        this.metrics = metrics;
    }

    public Stored<Shelter> register(ShelterProfile profile) {
        String id = Ids.next();
        return repository.create(id, Shelter.register(id, profile));
    }

    public Optional<Stored<Shelter>> find(String shelterId) {
        return repository.find(shelterId);
    }

    public Stored<Shelter> get(String shelterId) {
        return repository.get(shelterId);
    }

    /** @param state an ISO 3166-2:MX code; any other value is refused rather than matching nothing */
    public Page<ShelterView> list(String state, Corridor corridor, PageRequest page) {
        if (state != null && !state.isBlank() && !MexicanStates.isValid(state)) {
            throw Refusal.invalid("state", "must be one of the 32 ISO 3166-2:MX codes");
        }
        return repository.page(state, corridor, page).map(ShelterView::of);
    }

    public Stored<Shelter> updateProfile(String shelterId, String ifMatch, ShelterProfile profile) {
        Stored<Shelter> current = get(shelterId);
        IfMatch.check(ifMatch, current);
        Decision<Shelter> decision = current.state().updateProfile(profile);
        if (!decision.changed()) {
            return current;
        }
        return repository.update(current, decision);
    }

    /**
     * Reports are independent of each other, so a lost race with another report for the same shelter
     * is simply retried on the fresh version instead of bothering the client with a 409.
     */
    public ArrivalsRecorded reportArrivals(String shelterId, ArrivalsReport report) {
        LocalDate today = calendar.today();
        for (int attempt = 1; ; attempt++) {
            Stored<Shelter> current = get(shelterId);
            Decision<Shelter> decision = current.state().reportArrivals(report, today);
            try {
                repository.update(current, decision);
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
}
