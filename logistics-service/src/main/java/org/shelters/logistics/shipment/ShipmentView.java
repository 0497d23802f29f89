package org.shelters.logistics.shipment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.shelters.platform.outbox.Stored;

/** A shipment as the API shows it; {@code version} is also the ETag. */
public record ShipmentView(
        String shipmentId,
        long version,
        String agreementId,
        String shelterId,
        ShipmentStatus status,
        LocalDate plannedDate,
        List<ShipmentItem> lines,
        boolean overDelivery,
        String overDeliveryReason,
        Instant dispatchedAt,
        String carrier,
        String waybill,
        Instant receivedAt,
        String receivedByRole,
        String cancellationReason,
        boolean cancelledAutomatically,
        boolean followUp,
        String followUpReason) {

    static ShipmentView of(Stored<Shipment> stored) {
        Shipment s = stored.state();
        return new ShipmentView(stored.id(), stored.version(), s.agreementId(), s.shelterId(), s.status(), s.plannedDate(),
                s.lines(), s.overDelivery(), s.overDeliveryReason(), s.dispatchedAt(), s.carrier(), s.waybill(),
                s.receivedAt(), s.receivedByRole(), s.cancellationReason(), s.cancelledAutomatically(), s.followUp(),
                s.followUpReason());
    }
}
