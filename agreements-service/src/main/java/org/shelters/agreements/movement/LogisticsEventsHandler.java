package org.shelters.agreements.movement;

import org.shelters.events.EventEnvelope;
import org.shelters.events.Topic;
import org.shelters.events.Topics;
import org.shelters.events.logistics.LogisticsEvent;
import org.shelters.platform.consumer.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link ShipmentMovements} from logistics.v1, so that an amendment knows what moved against
 * each commitment line. Every logistics event is folded ({@link ShipmentMovement#apply}, an
 * exhaustive {@code EventSwitch} over {@link LogisticsEvent}); nothing else reacts to them here.
 *
 * <p>The platform consumer already skips what it handled; this handler is idempotent on its own
 * as well (the fold is guarded by sequence), which covers a crash between applying an event and
 * recording it, and a dead letter re-driven after later events of its shipment.
 */
@Component
public class LogisticsEventsHandler implements EventHandler<LogisticsEvent> {

    private static final Logger log = LoggerFactory.getLogger(LogisticsEventsHandler.class);

    private final ShipmentMovements movements;

    public LogisticsEventsHandler(ShipmentMovements movements) {
        this.movements = movements;
    }

    @Override
    public Topic<LogisticsEvent> topic() {
        return Topics.LOGISTICS;
    }

    @Override
    public void handle(EventEnvelope<LogisticsEvent> envelope) {
        LogisticsEvent event = envelope.data();
        ShipmentMovement current = movements.find(event.shipmentId()).orElse(null);
        ShipmentMovement next = ShipmentMovement.apply(current, event, envelope.sequence());
        if (next == current) {
            log.debug("{} {} of shipment {} (sequence {}) changes nothing already known: ignored", envelope.type(),
                    envelope.id(), event.shipmentId(), envelope.sequence());
            return;
        }
        movements.save(next, current);
    }
}
