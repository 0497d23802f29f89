package org.shelters.agreements.shelter;

import com.mongodb.client.model.Filters;
import org.shelters.events.shelters.MexicanStates;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.conversions.Bson;
import org.shelters.agreements.AgreementsProperties;
import org.shelters.agreements.Decision;
import org.shelters.agreements.InvalidCommandException;
import org.shelters.agreements.Violation;
import org.shelters.agreements.metrics.ProgrammeMetrics;
import org.shelters.platform.web.IfMatch;
import org.shelters.agreements.web.PageRequest;
import org.shelters.agreements.web.PageResponse;
import org.shelters.events.shelters.Corridor;
import org.shelters.platform.outbox.AggregateStore;
import org.shelters.platform.outbox.ConcurrentUpdateException;
import org.shelters.platform.outbox.Stored;
import org.shelters.platform.web.ApiException;
import org.springframework.stereotype.Service;

/** Runs shelter commands: load, let {@link Shelter} decide, store state and events in one write. */
@Service
public class ShelterService {

    public static final String COLLECTION = "shelters";
    private static final int ARRIVALS_ATTEMPTS = 5;

    private final AggregateStore store;
    private final Clock clock;
    private final AgreementsProperties properties;
    private final ProgrammeMetrics metrics;

    public ShelterService(AggregateStore store, Clock clock, AgreementsProperties properties, ProgrammeMetrics metrics) {
        this.store = store;
        this.clock = clock;
        this.properties = properties;
        this.metrics = metrics;
    }

    public Stored<Shelter> register(ShelterProfile profile) {
        String id = UUID.randomUUID().toString();
        Decision<Shelter> decision = Shelter.register(id, profile);
        return store.create(COLLECTION, id, decision.state(), decision.events());
    }

    public Optional<Stored<Shelter>> find(String shelterId) {
        return store.find(COLLECTION, shelterId, Shelter.class);
    }

    public Stored<Shelter> get(String shelterId) {
        return find(shelterId).orElseThrow(() -> ApiException.notFound("shelter", shelterId));
    }

    public PageResponse<ShelterView> list(String state, Corridor corridor, PageRequest page) {
        List<Bson> filters = new ArrayList<>();
        if (state != null && !state.isBlank()) {
            if (!MexicanStates.isValid(state)) {
                throw new InvalidCommandException(List.of(new Violation("state", "must be one of the 32 ISO 3166-2:MX codes")));
            }
            filters.add(Filters.eq("state.state", state));
        }
        if (corridor != null) {
            filters.add(Filters.eq("state.corridor", corridor.name()));
        }
        Bson filter = filters.isEmpty() ? new org.bson.Document() : Filters.and(filters);
        List<ShelterView> items = store.list(COLLECTION, filter, Sorts.ascending("state.name", "_id"), page.skip(),
                page.size(), Shelter.class).stream().map(ShelterView::of).toList();
        return new PageResponse<>(items, page.page(), page.size(), store.count(COLLECTION, filter));
    }

    public Stored<Shelter> updateProfile(String shelterId, String ifMatch, ShelterProfile profile) {
        Stored<Shelter> current = get(shelterId);
        IfMatch.check(ifMatch, current);
        Decision<Shelter> decision = current.state().updateProfile(profile);
        if (decision.events().isEmpty()) {
            return current;
        }
        return store.update(COLLECTION, current, decision.state(), decision.events());
    }

    /**
     * Reports are independent of each other, so a lost race with another report for the same shelter
     * is simply retried on the fresh version instead of bothering the client with a 409.
     */
    public ArrivalsRecorded reportArrivals(String shelterId, ArrivalsReport report) {
        LocalDate today = LocalDate.now(clock.withZone(properties.timeZone()));
        for (int attempt = 1; ; attempt++) {
            Stored<Shelter> current = get(shelterId);
            Decision<Shelter> decision = current.state().reportArrivals(report, today);
            try {
                store.update(COLLECTION, current, decision.state(), decision.events());
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
