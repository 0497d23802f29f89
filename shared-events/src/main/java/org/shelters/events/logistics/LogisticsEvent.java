package org.shelters.events.logistics;

import org.shelters.events.EventPayload;

/** Events of topic {@code logistics.v1}, keyed by shipmentId. */
public sealed interface LogisticsEvent extends EventPayload
        permits ShipmentPlanned, SuppliesDispatched, SuppliesDelivered, ShipmentCancelled {

    String shipmentId();

    String agreementId();

    String shelterId();

    @Override
    default String aggregateId() {
        return shipmentId();
    }
}
