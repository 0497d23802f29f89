package org.shelters.logistics.agreement;

/** An agreement's status as this service last learned it from agreements.v1. */
public enum AgreementStatus {
    /** Only events that do not say the status were seen (e.g. a training session). */
    UNKNOWN, DRAFT, SIGNED, SUSPENDED, TERMINATED, EXPIRED, COMPLETED;

    /** Shipments may be planned and dispatched only under a signed agreement in force. */
    public boolean allowsShipments() {
        return this == SIGNED;
    }
}
