package org.shelters.agreements.agreement;

/**
 * Where an agreement is in its life. An amended agreement stays SIGNED (amendments are numbered
 * in its history); COMPLETED, TERMINATED and EXPIRED are final.
 */
public enum AgreementStatus {
    DRAFT, SIGNED, SUSPENDED, COMPLETED, TERMINATED, EXPIRED;

    public boolean inForce() {
        return this == SIGNED || this == SUSPENDED;
    }

    public boolean isFinal() {
        return this == COMPLETED || this == TERMINATED || this == EXPIRED;
    }
}
