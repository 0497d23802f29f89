package org.shelters.agreements.agreement;

import java.time.LocalDate;
import java.util.function.Function;
import org.shelters.agreements.agreement.Commands.AmendAgreement;
import org.shelters.agreements.agreement.Commands.DraftAgreement;
import org.shelters.agreements.agreement.Commands.RecordTraining;
import org.shelters.agreements.agreement.Commands.SignAgreement;
import org.shelters.agreements.metrics.ProgrammeMetrics;
import org.shelters.agreements.movement.MovedQuantities;
import org.shelters.agreements.movement.ShipmentMovements;
import org.shelters.agreements.shelter.Shelter;
import org.shelters.agreements.shelter.ShelterScope;
import org.shelters.agreements.shelter.ShelterService;
import org.shelters.events.agreements.TrainingSessionDelivered;
import org.shelters.platform.context.Ids;
import org.shelters.platform.domain.Decision;
import org.shelters.platform.domain.ProgrammeCalendar;
import org.shelters.platform.domain.Refusal;
import org.shelters.platform.outbox.Stored;
import org.shelters.platform.query.Page;
import org.shelters.platform.query.PageRequest;
import org.shelters.platform.security.Caller;
import org.shelters.platform.web.IfMatch;
import org.springframework.stereotype.Service;

/** Runs agreement commands: load, check If-Match, let {@link Agreement} decide, store state and events in one write. */
@Service
public class AgreementService {

    private final AgreementRepository repository;
    private final ShelterService shelters;
    private final SigningSlots slots;
    private final ProgrammeCalendar calendar;
    private final ProgrammeMetrics metrics;
    private final ShipmentMovements movements;

    public AgreementService(AgreementRepository repository, ShelterService shelters, SigningSlots slots,
                            ProgrammeCalendar calendar, ProgrammeMetrics metrics, ShipmentMovements movements) {
        this.repository = repository;
        this.shelters = shelters;
        this.slots = slots;
        this.calendar = calendar;
        this.metrics = metrics;
        this.movements = movements;
    }

    public Stored<Agreement> draft(DraftAgreement command) {
        String shelterState = null;
        if (command.shelterId() != null && !command.shelterId().isBlank()) {
            shelterState = registeredShelter(command.shelterId()).state().state();
        }
        String id = Ids.next();
        return repository.create(id, Agreement.draft(id, command, shelterState, calendar.today()));
    }

    /**
     * The agreement, for a caller who may see its shelter: every read and every command goes through
     * here, so a shelter partner of another shelter is refused (403) on all of them, and only once
     * the agreement is known to exist (an unknown id stays 404 for everyone).
     *
     * @throws Refusal {@code not-found} (404), or {@code forbidden} (403) for a partner of another shelter
     */
    public Stored<Agreement> get(String agreementId) {
        Stored<Agreement> stored = repository.get(agreementId);
        Caller.current().requireShelter(stored.state().shelterId());
        return stored;
    }

    /**
     * A partner's list holds only its own shelters' agreements, filtered in the store query; a
     * {@code shelterId} filter naming another shelter is refused (403) rather than answered empty.
     */
    public Page<AgreementView> list(String shelterId, String state, AgreementStatus status, String programmeCode,
                                    PageRequest page) {
        if (state != null && !state.isBlank() && !org.shelters.events.shelters.MexicanStates.isValid(state)) {
            throw Refusal.invalid("state", "must be one of the 32 ISO 3166-2:MX codes");
        }
        Caller caller = Caller.current();
        if (shelterId != null && !shelterId.isBlank()) {
            caller.requireShelter(shelterId);
        }
        return repository.page(ShelterScope.of(caller), shelterId, state, status, programmeCode, page)
                .map(AgreementView::of);
    }

    /** Claims the signing slot first; gives it back if the signing write does not land (see {@link SigningSlots}). */
    public Stored<Agreement> sign(String agreementId, String ifMatch, SignAgreement command) {
        Stored<Agreement> current = get(agreementId);
        IfMatch.check(ifMatch, current);
        Decision<Agreement> decision = current.state().sign(command, calendar.today());
        registeredShelter(current.state().shelterId());
        slots.claim(current.state(), repository::statusOf);
        Stored<Agreement> signed;
        try {
            signed = repository.update(current, decision);
        } catch (RuntimeException e) {
            // a concurrent signing of this same agreement may have won: its slot must stay held
            if (repository.statusOf(agreementId).map(status -> !status.inForce()).orElse(true)) {
                slots.release(current.state());
            }
            throw e;
        }
        metrics.agreementSigned();
        return signed;
    }

    /**
     * What moved is read from the logistics.v1 read model when the amendment is decided: a plan
     * logistics accepted but this service has not consumed yet is not seen (see the README, "What
     * an amendment may do to commitment lines"). Only asked when the amendment sends lines.
     */
    public Stored<Agreement> amend(String agreementId, String ifMatch, AmendAgreement command) {
        return apply(agreementId, ifMatch, a -> a.amend(command,
                command.commitments() == null ? MovedQuantities.NONE : movements.movedUnder(agreementId), calendar.today()));
    }

    public Stored<Agreement> suspend(String agreementId, String ifMatch, String reason) {
        return apply(agreementId, ifMatch, a -> a.suspend(reason));
    }

    public Stored<Agreement> resume(String agreementId, String ifMatch) {
        return apply(agreementId, ifMatch, Agreement::resume);
    }

    public Stored<Agreement> terminate(String agreementId, String ifMatch, String reason) {
        return releasing(apply(agreementId, ifMatch, a -> a.terminate(reason, calendar.today())));
    }

    public Stored<Agreement> complete(String agreementId, String ifMatch) {
        return releasing(apply(agreementId, ifMatch, a -> a.complete(calendar.today())));
    }

    public Stored<Agreement> recordTraining(String agreementId, String ifMatch, RecordTraining command) {
        Stored<Agreement> current = get(agreementId);
        IfMatch.check(ifMatch, current);
        Decision<Agreement> decision = current.state().recordTraining(command, calendar.today());
        Stored<Agreement> stored = repository.update(current, decision);
        decision.eventsOf(TrainingSessionDelivered.class).forEach(metrics::trainingDelivered);
        return stored;
    }

    /** Used by the expiry job: the version guard makes the transition happen once even with several instances. */
    Stored<Agreement> expire(Stored<Agreement> current, LocalDate today) {
        return releasing(repository.update(current, current.state().expire(today)));
    }

    private Stored<Agreement> apply(String agreementId, String ifMatch, Function<Agreement, Decision<Agreement>> command) {
        Stored<Agreement> current = get(agreementId);
        IfMatch.check(ifMatch, current);
        return repository.update(current, command.apply(current.state()));
    }

    private Stored<Agreement> releasing(Stored<Agreement> stored) {
        slots.release(stored.state());
        return stored;
    }

    /** An agreement is drafted and signed only for a shelter in the registry: a retired one is refused (409). */
    private Stored<Shelter> registeredShelter(String shelterId) {
        Stored<Shelter> shelter = shelters.find(shelterId).orElseThrow(() -> Refusal.rule("shelter-not-registered",
                "shelterId", "shelter '" + shelterId + "' is not registered"));
        shelter.state().refuseIfRetired();
        return shelter;
    }
}
