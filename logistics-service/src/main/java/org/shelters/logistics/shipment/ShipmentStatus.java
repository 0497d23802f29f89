package org.shelters.logistics.shipment;

public enum ShipmentStatus {
    PLANNED, DISPATCHED, DELIVERED, CANCELLED;

    /**
     * Planned or dispatched: not delivered or cancelled yet, so a stopping agreement acts on it. Not
     * "in transit", which is dispatched only (see {@link LineBalance}).
     */
    public boolean open() {
        return this == PLANNED || this == DISPATCHED;
    }
}
