package org.shelters.logistics.intake;

import java.util.Set;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventPayload;
import org.shelters.events.Topic;
import org.shelters.events.Topics;
import org.shelters.events.agreements.AgreementEvent;
import org.shelters.events.agreements.AgreementSuspended;
import org.shelters.events.agreements.AgreementTerminated;
import org.shelters.logistics.agreement.AgreementReplica;
import org.shelters.logistics.agreement.AgreementReplicas;
import org.shelters.logistics.shipment.ShipmentCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the agreement replicas from agreements.v1 and reacts to agreements that stop.
 *
 * <p>Order per agreement comes from the envelope {@code sequence}: an event at or below the
 * sequence already applied is a duplicate or a redelivery and changes nothing. An event beyond
 * the next expected sequence (a gap) is applied anyway and counted in {@code gaps}, with a
 * warning. Why not hold it back: Kafka keeps per-key order, so a missing sequence will not arrive
 * later on this partition (it was lost to retention or never published), and waiting would block
 * the agreement for good. Applying is safe because every event says what it means by itself:
 * Drafted, Signed and Amended carry the full terms, and the status events set the status they name.
 *
 * <p>Reactions (cancel planned shipments, flag dispatched ones) run after the replica was updated,
 * so a plan command that reads the replica afterwards is refused; they run again when the same
 * event is re-applied after a failure (its sequence equals the one applied), and they are
 * idempotent, so nothing is cancelled twice.
 */
@Component
public class AgreementEventsHandler implements org.shelters.platform.consumer.EventHandler {

    private static final Logger log = LoggerFactory.getLogger(AgreementEventsHandler.class);

    private final AgreementReplicas replicas;
    private final ShipmentCommands shipments;

    public AgreementEventsHandler(AgreementReplicas replicas, ShipmentCommands shipments) {
        this.replicas = replicas;
        this.shipments = shipments;
    }

    @Override
    public Set<Topic<?>> topics() {
        return Set.of(Topics.AGREEMENTS);
    }

    @Override
    public void handle(EventEnvelope<EventPayload> envelope) {
        if (!(envelope.data() instanceof AgreementEvent event)) {
            return;
        }
        AgreementReplica current = replicas.find(event.agreementId()).map(AgreementReplicas.Read::replica).orElse(null);
        long applied = current == null ? 0 : current.sequence();
        if (envelope.sequence() <= applied) {
            if (envelope.sequence() == applied && stops(event)) {
                react(envelope, event);
            } else {
                log.debug("{} {} of agreement {} has sequence {} <= {} already applied: ignored", envelope.type(),
                        envelope.id(), event.agreementId(), envelope.sequence(), applied);
            }
            return;
        }
        if (envelope.sequence() > applied + 1) {
            log.warn("agreement {}: {} has sequence {} but {} was expected; applying it anyway (it carries what it means)",
                    event.agreementId(), envelope.type(), envelope.sequence(), applied + 1);
        }
        replicas.save(AgreementReplica.apply(current, event, envelope.sequence()), applied);
        if (stops(event)) {
            react(envelope, event);
        }
    }

    private static boolean stops(AgreementEvent event) {
        return event instanceof AgreementSuspended || event instanceof AgreementTerminated;
    }

    private void react(EventEnvelope<EventPayload> envelope, AgreementEvent event) {
        String why;
        if (event instanceof AgreementTerminated terminated) {
            why = "agreement terminated" + (terminated.reason() == null ? "" : ": " + terminated.reason());
        } else {
            AgreementSuspended suspended = (AgreementSuspended) event;
            why = "agreement suspended" + (suspended.reason() == null ? "" : ": " + suspended.reason());
        }
        shipments.agreementStopped(event.agreementId(), why, envelope);
    }
}
