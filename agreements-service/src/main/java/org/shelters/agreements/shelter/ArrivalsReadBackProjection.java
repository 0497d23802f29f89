package org.shelters.agreements.shelter;

import java.time.Instant;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventSwitch;
import org.shelters.events.Topic;
import org.shelters.events.Topics;
import org.shelters.events.shelters.ShelterArrivalsReported;
import org.shelters.events.shelters.ShelterEvent;
import org.shelters.events.shelters.ShelterProfileUpdated;
import org.shelters.events.shelters.ShelterRegistered;
import org.shelters.events.shelters.ShelterRetired;
import org.shelters.platform.consumer.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Builds the arrivals read-back ({@link ArrivalReports}) from the service's own
 * {@code ShelterArrivalsReported} events on shelters.v1, as the outbox relay published them. The
 * read-back is therefore never half-written: an event is on the topic only once the shelter's own
 * write (state and event, one document) landed, and every such event reaches the read-back.
 *
 * <p>The service's consumer group had no offset on shelters.v1 before this handler, and the
 * platform consumer starts with {@code auto.offset.reset=earliest}: on first start the whole topic
 * is read, so reports made before the read-back existed are back-filled.
 *
 * <p>Idempotent on its own (a redelivery after a crash, a dead letter re-driven late): the event's
 * {@code revision} guards the write, so an older revision never replaces a later one.
 */
@Component
public class ArrivalsReadBackProjection implements EventHandler<ShelterEvent> {

    private static final EventSwitch<ShelterEvent, Fold> APPLY = EventSwitch.over(ShelterEvent.class, Fold.class)
            .on(ShelterArrivalsReported.class, Fold::reported)
            .ignore(ShelterRegistered.class, ShelterProfileUpdated.class, ShelterRetired.class)
            .build();

    private final ArrivalReports reports;

    public ArrivalsReadBackProjection(ArrivalReports reports) {
        this.reports = reports;
    }

    @Override
    public Topic<ShelterEvent> topic() {
        return Topics.SHELTERS;
    }

    @Override
    public void handle(EventEnvelope<ShelterEvent> envelope) {
        APPLY.apply(new Fold(reports, recordedAt(envelope)), envelope.data());
    }

    /** When the service recorded the report: the envelope's recordedtime, else (older events) when it happened. */
    private static Instant recordedAt(EventEnvelope<?> envelope) {
        if (envelope.recordedtime() != null) {
            return envelope.recordedtime();
        }
        return envelope.time() != null ? envelope.time() : Instant.now();
    }

    private record Fold(ArrivalReports reports, Instant recordedAt) {

        void reported(ShelterArrivalsReported reported) {
            reports.record(reported, recordedAt);
        }
    }
}
