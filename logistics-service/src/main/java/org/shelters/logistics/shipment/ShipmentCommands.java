package org.shelters.logistics.shipment;

import org.shelters.events.EventEnvelope;
import org.shelters.events.EventMetadata;
import org.shelters.logistics.agreement.AgreementReplica;
import org.shelters.logistics.agreement.AgreementReplicas;
import org.shelters.platform.context.Ids;
import org.shelters.platform.context.CommandContext;
import org.shelters.platform.domain.Decision;
import org.shelters.platform.domain.ProgrammeCalendar;
import org.shelters.platform.outbox.ConcurrentUpdateException;
import org.shelters.platform.outbox.Stored;
import org.shelters.platform.security.Caller;
import org.shelters.platform.web.IfMatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs shipment commands: loads the shipment and the agreement replica, lets the pure
 * {@link Shipment} decide, stores the new state with its events in one write, and counts what
 * was stored. "Today" is the programme's ({@link ProgrammeCalendar}), not the server's or UTC's.
 *
 * <p>Every command acts only on shipments to shelters the caller may act for ({@link Caller}, from
 * the request's own token): a shelter partner confirming another shelter's delivery is refused
 * with 403 as soon as the shipment is found, before {@code If-Match} or any rule of {@link Shipment}.
 * Work no request asked for (the reaction to an agreement
 * that stops) has no caller and is not scoped.
 */
@Service
public class ShipmentCommands {

    private static final Logger log = LoggerFactory.getLogger(ShipmentCommands.class);
    private static final int REACTION_ATTEMPTS = 5;

    private final ShipmentRepository shipments;
    private final AgreementReplicas agreements;
    private final PlanningLease planning;
    private final ProgrammeCalendar calendar;
    private final ShipmentMetrics metrics;

    public ShipmentCommands(ShipmentRepository shipments, AgreementReplicas agreements, PlanningLease planning,
                            ProgrammeCalendar calendar, ShipmentMetrics metrics) {
        this.shipments = shipments;
        this.agreements = agreements;
        this.planning = planning;
        this.calendar = calendar;
        this.metrics = metrics;
    }

    public Stored<Shipment> plan(Shipment.Plan command) {
        Caller.current().requireShelter(command.shelterId());
        String shipmentId = "shp-" + Ids.next();
        Stored<Shipment> stored = planning.holding(command.agreementId(), () -> {
            AgreementReplica agreement = agreements.find(command.agreementId()).orElse(null);
            OutstandingQuantities outstanding = agreement == null ? null
                    : OutstandingQuantities.of(agreement, shipments.ofAgreement(agreement.agreementId()));
            Decision<Shipment> planned = Shipment.plan(shipmentId, command, agreement, outstanding, calendar.today());
            return recorded(shipments.create(shipmentId, planned), planned);
        });
        return cancelIfStoppedMeanwhile(stored);
    }

    /**
     * The termination reaction may have listed this agreement's planned shipments between our
     * check and our write. It changes the replica before it lists, so re-reading here closes the
     * gap: whichever of the two runs second sees the other.
     */
    private Stored<Shipment> cancelIfStoppedMeanwhile(Stored<Shipment> stored) {
        AgreementReplica now = agreements.find(stored.state().agreementId()).orElse(null);
        if (now == null || now.status().allowsShipments()) {
            return stored;
        }
        Decision<Shipment> cancelled = stored.state().agreementStopped("agreement " + now.status()
                + " while this shipment was being planned");
        return recorded(shipments.update(stored, cancelled), cancelled);
    }

    public Stored<Shipment> dispatch(String shipmentId, String ifMatch, Shipment.Dispatch command) {
        Stored<Shipment> current = load(shipmentId, ifMatch);
        AgreementReplica agreement = agreements.find(current.state().agreementId()).orElse(null);
        Decision<Shipment> dispatched = current.state().dispatch(command, agreement, calendar.now(), calendar.today());
        return recorded(shipments.update(current, dispatched), dispatched);
    }

    public Stored<Shipment> deliver(String shipmentId, String ifMatch, Shipment.Deliver command) {
        Stored<Shipment> current = load(shipmentId, ifMatch);
        Decision<Shipment> delivered = current.state().deliver(command, calendar.now());
        return recorded(shipments.update(current, delivered), delivered);
    }

    public Stored<Shipment> cancel(String shipmentId, String ifMatch, String reason) {
        Stored<Shipment> current = load(shipmentId, ifMatch);
        Decision<Shipment> cancelled = current.state().cancel(reason);
        return recorded(shipments.update(current, cancelled), cancelled);
    }

    /**
     * The reaction to an agreement that stops (suspended, terminated, expired or completed): cancels
     * its planned shipments (events caused by {@code cause}) and flags dispatched ones for follow-up.
     * Safe to run again: shipments already cancelled or flagged are left alone.
     */
    public void agreementStopped(String agreementId, String why, EventEnvelope<?> cause) {
        CommandContext.runWith(EventMetadata.causedBy(cause), () ->
                shipments.openOf(agreementId).forEach(shipment -> stop(shipment, why)));
    }

    private void stop(Stored<Shipment> shipment, String why) {
        Stored<Shipment> current = shipment;
        for (int attempt = 1; ; attempt++) {
            Decision<Shipment> decision = current.state().agreementStopped(why);
            // compare states, not events: the follow-up flag is a change that causes no event
            if (decision.state().equals(current.state())) {
                return;
            }
            try {
                recorded(shipments.update(current, decision), decision);
                log.info("shipment {} {} because {}", current.id(),
                        decision.changed() ? "cancelled" : "flagged for follow-up", why);
                return;
            } catch (ConcurrentUpdateException e) {
                if (attempt >= REACTION_ATTEMPTS) {
                    throw e;
                }
                current = shipments.get(current.id());
            }
        }
    }

    /** Counters move only once the write succeeded. */
    private Stored<Shipment> recorded(Stored<Shipment> stored, Decision<Shipment> decision) {
        metrics.recorded(decision);
        return stored;
    }

    /**
     * The shipment a command acts on: unknown is 404, another shelter's is 403 for a partner, and only
     * then is {@code If-Match} compared, so a partner learns nothing of another shelter's shipment
     * (not even its version) from the answer.
     */
    private Stored<Shipment> load(String shipmentId, String ifMatch) {
        Stored<Shipment> current = shipments.get(shipmentId);
        Caller.current().requireShelter(current.state().shelterId());
        IfMatch.check(ifMatch, current);
        return current;
    }
}
