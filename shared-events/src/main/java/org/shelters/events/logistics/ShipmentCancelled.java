package org.shelters.events.logistics;

/**
 * A planned shipment will not go. {@code automatic} is true when the platform cancelled it in
 * reaction to an agreement event (the envelope's causationid names that event).
 */
public record ShipmentCancelled(
        String shipmentId,
        String agreementId,
        String shelterId,
        String reason,
        boolean automatic) implements LogisticsEvent {
}
