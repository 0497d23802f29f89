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
 * <p>Order per agreement comes from the envelope {@code sequence}. An event beyond the next
 * expected sequence (a gap) is applied at once and counted in {@code gaps}, with a warning: the
 * missing events were dead-lettered (or lost), and waiting for them would block the agreement for
 * good. The replica remembers the sequences it skipped, so when one of them arrives late (an
 * operator re-drove it from {@code agreements.v1-dlt}) it is applied, without overwriting what the
 * later events set (see {@link AgreementReplica}). Any other event at or below the sequence already
 * applied is a duplicate or a redelivery and changes nothing.
 *
 * <p>Reactions (cancel planned shipments, flag dispatched ones) run when the event set the
 * agreement's status, late or not: a late termination still stops shipments, a late suspension
 * from before a resumption does not. They run after the replica was updated, so a plan command
 * that reads the replica afterwards is refused; they run again when the event that set the status
 * is delivered again after a failure, and they are idempotent, so nothing is cancelled twice.
 */
@Component
public class AgreementEventsHandler implements EventHandler<AgreementEvent> {

    private static final Logger log = LoggerFactory.getLogger(AgreementEventsHandler.class);

    /**
     * Which agreement events stop shipments, and why: every status under which no shipment may be
     * planned or dispatched. A planned shipment left under an agreement that expired or was
     * completed could never be dispatched, so it is cancelled like one under a terminated agreement,
     * and goods already on their way need someone's decision. Every other event only updates the replica.
     */
    private static final EventSwitch<AgreementEvent, Stop> REACTIONS = EventSwitch.over(AgreementEvent.class, Stop.class)
            .on(AgreementSuspended.class, (stop, suspended) -> stop.because("agreement suspended", suspended.reason()))
            .on(AgreementTerminated.class, (stop, terminated) -> stop.because("agreement terminated", terminated.reason()))
            .on(AgreementExpired.class, (stop, expired) -> stop.because("agreement expired", "its period ended on "
                    + expired.periodEnd()))
            .on(AgreementCompleted.class, (stop, completed) -> stop.because("agreement completed", null))
            .ignore(AgreementDrafted.class, AgreementSigned.class, AgreementAmended.class, AgreementResumed.class,
                    TrainingSessionDelivered.class)
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
        long sequence = envelope.sequence();
        AgreementReplica current = replicas.find(event.agreementId()).orElse(null);
        if (current != null && !current.accepts(sequence)) {
            if (current.statusSetBy(sequence)) {
                react(envelope);
            } else {
                log.debug("{} {} of agreement {} has sequence {}, already applied (up to {}): ignored", envelope.type(),
                        envelope.id(), event.agreementId(), sequence, current.sequence());
            }
            return;
        }
        describe(current, envelope);
        AgreementReplica next = AgreementReplica.apply(current, event, sequence);
        replicas.save(next, current);
        if (next.statusSetBy(sequence)) {
            react(envelope);
        }
    }

    private static void describe(AgreementReplica current, EventEnvelope<AgreementEvent> envelope) {
        long applied = current == null ? 0 : current.sequence();
        String agreementId = envelope.data().agreementId();
        if (current != null && current.late(envelope.sequence())) {
            log.info("agreement {}: {} {} with sequence {} arrives late (up to {} applied); applying what no later event set",
                    agreementId, envelope.type(), envelope.id(), envelope.sequence(), applied);
        } else if (current == null ? envelope.sequence() > 1 : current.skips(envelope.sequence())) {
            log.warn("agreement {}: {} has sequence {} but {} was expected; applying it now and the missing ones if they"
                    + " arrive late", agreementId, envelope.type(), envelope.sequence(), applied + 1);
        }
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
