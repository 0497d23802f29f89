package org.shelters.logistics.intake;

import org.shelters.events.EventEnvelope;
import org.shelters.events.EventSwitch;
import org.shelters.events.Topic;
import org.shelters.events.Topics;
import org.shelters.events.agreements.AgreementAmended;
import org.shelters.events.agreements.AgreementCompleted;
import org.shelters.events.agreements.AgreementDrafted;
import org.shelters.events.agreements.AgreementEvent;
import org.shelters.events.agreements.AgreementExpired;
import org.shelters.events.agreements.AgreementResumed;
import org.shelters.events.agreements.AgreementSigned;
import org.shelters.events.agreements.AgreementSuspended;
import org.shelters.events.agreements.AgreementTerminated;
import org.shelters.events.agreements.TrainingSessionDelivered;
import org.shelters.logistics.agreement.AgreementReplica;
import org.shelters.logistics.agreement.AgreementReplicas;
import org.shelters.logistics.shipment.ShipmentCommands;
import org.shelters.platform.consumer.EventHandler;
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
public class AgreementEventsHandler implements EventHandler<AgreementEvent> {

    private static final Logger log = LoggerFactory.getLogger(AgreementEventsHandler.class);

    /**
     * Which agreement events stop shipments, and why. Expiry and completion do not: nothing
     * planned is left to cancel once an agreement ran its course, and the replica already
     * refuses new plans. Every other event only updates the replica.
     */
    private static final EventSwitch<AgreementEvent, Stop> REACTIONS = EventSwitch.over(AgreementEvent.class, Stop.class)
            .on(AgreementSuspended.class, (stop, suspended) -> stop.because("agreement suspended", suspended.reason()))
            .on(AgreementTerminated.class, (stop, terminated) -> stop.because("agreement terminated", terminated.reason()))
            .ignore(AgreementDrafted.class, AgreementSigned.class, AgreementAmended.class, AgreementResumed.class,
                    AgreementExpired.class, AgreementCompleted.class, TrainingSessionDelivered.class)
            .build();

    private final AgreementReplicas replicas;
    private final ShipmentCommands shipments;

    public AgreementEventsHandler(AgreementReplicas replicas, ShipmentCommands shipments) {
        this.replicas = replicas;
        this.shipments = shipments;
    }

    @Override
    public Topic<AgreementEvent> topic() {
        return Topics.AGREEMENTS;
    }

    @Override
    public void handle(EventEnvelope<AgreementEvent> envelope) {
        AgreementEvent event = envelope.data();
        AgreementReplica current = replicas.find(event.agreementId()).orElse(null);
        long applied = current == null ? 0 : current.sequence();
        if (envelope.sequence() <= applied) {
            if (envelope.sequence() == applied && REACTIONS.handles(event.getClass())) {
                react(envelope);
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
        react(envelope);
    }

    private void react(EventEnvelope<AgreementEvent> envelope) {
        REACTIONS.apply(new Stop(shipments, envelope), envelope.data());
    }

    /** What a stopping event sets off: its shipments are cancelled or flagged, caused by the event. */
    private record Stop(ShipmentCommands shipments, EventEnvelope<AgreementEvent> cause) {

        void because(String what, String reason) {
            shipments.agreementStopped(cause.data().agreementId(), what + (reason == null ? "" : ": " + reason), cause);
        }
    }
}
