package org.shelters.logistics.shipment;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.conversions.Bson;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventMetadata;
import org.shelters.logistics.agreement.AgreementReplica;
import org.shelters.logistics.agreement.AgreementReplicas;
import org.shelters.platform.outbox.AggregateStore;
import org.shelters.platform.outbox.ConcurrentUpdateException;
import org.shelters.platform.outbox.Stored;
import org.shelters.platform.web.IfMatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs shipment commands: loads the shipment and the agreement replica, lets the pure
 * {@link Shipment} decide, stores the new state with its events in one write.
 */
@Service
public class ShipmentCommands {

    public static final String COLLECTION = "shipments";
    private static final Logger log = LoggerFactory.getLogger(ShipmentCommands.class);
    private static final int REACTION_ATTEMPTS = 5;

    private final AggregateStore store;
    private final AgreementReplicas agreements;
    private final Clock clock;
    private final ShipmentMetrics metrics;

    public ShipmentCommands(AggregateStore store, AgreementReplicas agreements, Clock clock, ShipmentMetrics metrics) {
        this.store = store;
        this.agreements = agreements;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Stored<Shipment> plan(Shipment.Plan command) {
        AgreementReplicas.Read read = agreements.find(command.agreementId()).orElse(null);
        AgreementReplica agreement = read == null ? null : read.replica();
        OutstandingQuantities outstanding = agreement == null ? null
                : OutstandingQuantities.of(agreement, shipmentsOf(agreement.agreementId()));
        String shipmentId = "shp-" + UUID.randomUUID();
        Shipment.Changed planned = Shipment.plan(shipmentId, command, agreement, outstanding, LocalDate.now(clock));
        long claimed = agreements.claimPlanning(agreement.agreementId(), read).orElseThrow(() ->
                new ConcurrentUpdateException(AgreementReplicas.COLLECTION, agreement.agreementId(), read.planningGuard()));
        Stored<Shipment> stored;
        try {
            stored = store.create(COLLECTION, shipmentId, planned.state(), planned.events());
        } finally {
            agreements.releasePlanning(agreement.agreementId(), claimed);
        }
        metrics.recorded(planned.events());
        // The termination reaction may have listed this agreement's planned shipments between our
        // check and our write. It changes the replica before it lists, so re-reading here closes the
        // gap: whichever of the two runs second sees the other.
        AgreementReplica now = agreements.find(agreement.agreementId()).map(AgreementReplicas.Read::replica).orElse(agreement);
        if (!now.status().allowsShipments()) {
            Shipment.Changed cancelled = stored.state().agreementStopped("agreement " + now.status()
                    + " while this shipment was being planned");
            if (cancelled != null) {
                stored = store.update(COLLECTION, stored, cancelled.state(), cancelled.events());
                metrics.recorded(cancelled.events());
            }
        }
        return stored;
    }

    public Stored<Shipment> dispatch(String shipmentId, String ifMatch, Shipment.Dispatch command) {
        Stored<Shipment> current = load(shipmentId, ifMatch);
        AgreementReplica agreement = agreements.find(current.state().agreementId()).map(AgreementReplicas.Read::replica)
                .orElse(null);
        Shipment.Changed changed = current.state().dispatch(command, agreement, clock.instant(), LocalDate.now(clock));
        return recorded(store.update(COLLECTION, current, changed.state(), changed.events()), changed);
    }

    public Stored<Shipment> deliver(String shipmentId, String ifMatch, Shipment.Deliver command) {
        Stored<Shipment> current = load(shipmentId, ifMatch);
        Shipment.Changed changed = current.state().deliver(command, clock.instant());
        return recorded(store.update(COLLECTION, current, changed.state(), changed.events()), changed);
    }

    public Stored<Shipment> cancel(String shipmentId, String ifMatch, String reason) {
        Stored<Shipment> current = load(shipmentId, ifMatch);
        Shipment.Changed changed = current.state().cancel(reason);
        return recorded(store.update(COLLECTION, current, changed.state(), changed.events()), changed);
    }

    /**
     * The reaction to AgreementSuspended / AgreementTerminated: cancels the agreement's planned
     * shipments (events caused by {@code cause}) and flags dispatched ones for follow-up. Safe to
     * run again: shipments already cancelled or flagged are left alone.
     */
    public void agreementStopped(String agreementId, String why, EventEnvelope<?> cause) {
        Bson filter = Filters.and(Filters.eq("state.agreementId", agreementId),
                Filters.in("state.status", ShipmentStatus.PLANNED.name(), ShipmentStatus.DISPATCHED.name()));
        List<Stored<Shipment>> affected = store.list(COLLECTION, filter, Sorts.ascending("_id"), 0, Integer.MAX_VALUE,
                Shipment.class);
        for (Stored<Shipment> shipment : affected) {
            Stored<Shipment> current = shipment;
            for (int attempt = 1; ; attempt++) {
                Shipment.Changed changed = current.state().agreementStopped(why);
                if (changed == null) {
                    break;
                }
                try {
                    store.update(COLLECTION, current, changed.state(), changed.events(), EventMetadata.causedBy(cause));
                    metrics.recorded(changed.events());
                    log.info("shipment {} {} because {}", current.id(),
                            changed.events().isEmpty() ? "flagged for follow-up" : "cancelled", why);
                    break;
                } catch (ConcurrentUpdateException e) {
                    if (attempt >= REACTION_ATTEMPTS) {
                        throw e;
                    }
                    current = store.get(COLLECTION, current.id(), Shipment.class);
                }
            }
        }
    }

    public List<Shipment> shipmentsOf(String agreementId) {
        List<Shipment> shipments = new ArrayList<>();
        store.list(COLLECTION, Filters.eq("state.agreementId", agreementId), Sorts.ascending("_id"), 0, Integer.MAX_VALUE,
                Shipment.class).forEach(s -> shipments.add(s.state()));
        return shipments;
    }

    private Stored<Shipment> recorded(Stored<Shipment> stored, Shipment.Changed changed) {
        metrics.recorded(changed.events());
        return stored;
    }

    private Stored<Shipment> load(String shipmentId, String ifMatch) {
        Stored<Shipment> current = store.get(COLLECTION, shipmentId, Shipment.class);
        IfMatch.check(ifMatch, current);
        return current;
    }

}
