package org.shelters.logistics.shipment;

public enum ShipmentStatus {
    PLANNED, DISPATCHED, DELIVERED, CANCELLED;

    /** Planned and dispatched quantities are on their way: they count against what is outstanding. */
    public boolean inTransit() {
        return this == PLANNED || this == DISPATCHED;
    }
}
