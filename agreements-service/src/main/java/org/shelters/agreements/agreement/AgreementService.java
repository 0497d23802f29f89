package org.shelters.agreements.agreement;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.shelters.agreements.AgreementsProperties;
import org.shelters.agreements.Decision;
import org.shelters.agreements.RuleViolationException;
import org.shelters.agreements.agreement.Commands.AmendAgreement;
import org.shelters.agreements.agreement.Commands.DraftAgreement;
import org.shelters.agreements.agreement.Commands.RecordTraining;
import org.shelters.agreements.metrics.ProgrammeMetrics;
import org.shelters.agreements.shelter.Shelter;
import org.shelters.agreements.shelter.ShelterService;
import org.shelters.platform.web.IfMatch;
import org.shelters.agreements.web.PageRequest;
import org.shelters.agreements.web.PageResponse;
import org.shelters.events.agreements.TrainingSessionDelivered;
import org.shelters.platform.outbox.AggregateStore;
import org.shelters.platform.outbox.Stored;
import org.shelters.platform.web.ApiException;
import org.springframework.stereotype.Service;

/** Runs agreement commands: load, check If-Match, let {@link Agreement} decide, store state and events in one write. */
@Service
public class AgreementService {

    public static final String COLLECTION = "agreements";

    private final AggregateStore store;
    private final ShelterService shelters;
    private final SigningSlots slots;
    private final Clock clock;
    private final AgreementsProperties properties;
    private final ProgrammeMetrics metrics;

    public AgreementService(AggregateStore store, ShelterService shelters, SigningSlots slots, Clock clock,
                            AgreementsProperties properties, ProgrammeMetrics metrics) {
        this.store = store;
        this.shelters = shelters;
        this.slots = slots;
        this.clock = clock;
        this.properties = properties;
        this.metrics = metrics;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(properties.timeZone()));
    }

    public Stored<Agreement> draft(DraftAgreement command) {
        String shelterState = null;
        if (command.shelterId() != null && !command.shelterId().isBlank()) {
            shelterState = registeredShelter(command.shelterId()).state().state();
        }
        String id = UUID.randomUUID().toString();
        Decision<Agreement> decision = Agreement.draft(id, command, shelterState, today());
        return store.create(COLLECTION, id, decision.state(), decision.events());
    }

    public Stored<Agreement> get(String agreementId) {
        return store.find(COLLECTION, agreementId, Agreement.class)
                .orElseThrow(() -> ApiException.notFound("agreement", agreementId));
    }

    public PageResponse<AgreementView> list(String shelterId, String state, AgreementStatus status, String programmeCode,
                                            PageRequest page) {
        List<Bson> filters = new ArrayList<>();
        if (shelterId != null && !shelterId.isBlank()) {
            filters.add(Filters.eq("state.shelterId", shelterId));
        }
        if (state != null && !state.isBlank()) {
            filters.add(Filters.eq("state.shelterState", state));
        }
        if (status != null) {
            filters.add(Filters.eq("state.status", status.name()));
        }
        if (programmeCode != null && !programmeCode.isBlank()) {
            filters.add(Filters.eq("state.programmeCode", programmeCode));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        List<AgreementView> items = store.list(COLLECTION, filter, Sorts.ascending("createdAt", "_id"), page.skip(), page.size(),
                Agreement.class).stream().map(AgreementView::of).toList();
        return new PageResponse<>(items, page.page(), page.size(), store.count(COLLECTION, filter));
    }

    /** Claims the signing slot first; gives it back if the signing write does not land (see {@link SigningSlots}). */
    public Stored<Agreement> sign(String agreementId, String ifMatch, LocalDate signedOn) {
        Stored<Agreement> current = get(agreementId);
        IfMatch.check(ifMatch, current);
        Decision<Agreement> decision = current.state().sign(signedOn, today());
        registeredShelter(current.state().shelterId());
        slots.claim(current.state(), this::statusOf);
        Stored<Agreement> signed;
        try {
            signed = store.update(COLLECTION, current, decision.state(), decision.events());
        } catch (RuntimeException e) {
            // a concurrent signing of this same agreement may have won: its slot must stay held
            if (statusOf(agreementId).map(status -> !status.inForce()).orElse(true)) {
                slots.release(current.state());
            }
            throw e;
        }
        metrics.agreementSigned();
        return signed;
    }

    public Stored<Agreement> amend(String agreementId, String ifMatch, AmendAgreement command) {
        return apply(agreementId, ifMatch, a -> a.amend(command, today()));
    }

    public Stored<Agreement> suspend(String agreementId, String ifMatch, String reason) {
        return apply(agreementId, ifMatch, a -> a.suspend(reason));
    }

    public Stored<Agreement> resume(String agreementId, String ifMatch) {
        return apply(agreementId, ifMatch, Agreement::resume);
    }

    public Stored<Agreement> terminate(String agreementId, String ifMatch, String reason) {
        return releasing(apply(agreementId, ifMatch, a -> a.terminate(reason, today())));
    }

    public Stored<Agreement> complete(String agreementId, String ifMatch) {
        return releasing(apply(agreementId, ifMatch, a -> a.complete(today())));
    }

    public Stored<Agreement> recordTraining(String agreementId, String ifMatch, RecordTraining command) {
        Stored<Agreement> current = get(agreementId);
        IfMatch.check(ifMatch, current);
        Decision<Agreement> decision = current.state().recordTraining(command, today());
        Stored<Agreement> stored = store.update(COLLECTION, current, decision.state(), decision.events());
        decision.events().stream().filter(TrainingSessionDelivered.class::isInstance).map(TrainingSessionDelivered.class::cast)
                .forEach(metrics::trainingDelivered);
        return stored;
    }

    /** Used by the expiry job: the version guard makes the transition happen once even with several instances. */
    Stored<Agreement> expire(Stored<Agreement> current, LocalDate today) {
        Decision<Agreement> decision = current.state().expire(today);
        return releasing(store.update(COLLECTION, current, decision.state(), decision.events()));
    }

    List<Stored<Agreement>> endedBefore(LocalDate today, int limit) {
        Bson filter = Filters.and(Filters.in("state.status", AgreementStatus.SIGNED.name(), AgreementStatus.SUSPENDED.name()),
                Filters.lt("state.terms.period.end", today));
        return store.list(COLLECTION, filter, Sorts.ascending("_id"), 0, limit, Agreement.class);
    }

    private Stored<Agreement> apply(String agreementId, String ifMatch, Function<Agreement, Decision<Agreement>> command) {
        Stored<Agreement> current = get(agreementId);
        IfMatch.check(ifMatch, current);
        Decision<Agreement> decision = command.apply(current.state());
        return store.update(COLLECTION, current, decision.state(), decision.events());
    }

    private Stored<Agreement> releasing(Stored<Agreement> stored) {
        slots.release(stored.state());
        return stored;
    }

    private Optional<AgreementStatus> statusOf(String agreementId) {
        return store.find(COLLECTION, agreementId, Agreement.class).map(s -> s.state().status());
    }

    private Stored<Shelter> registeredShelter(String shelterId) {
        return shelters.find(shelterId).orElseThrow(() -> new RuleViolationException("shelter-not-registered", "shelterId",
                "shelter '" + shelterId + "' is not registered"));
    }
}
