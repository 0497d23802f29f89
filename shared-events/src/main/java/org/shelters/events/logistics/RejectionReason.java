package org.shelters.events.logistics;

/** Why a shelter refused part of a delivered line. */
public enum RejectionReason {
    DAMAGED, EXPIRED, SHORT_SHIPPED, WRONG_ITEM, OTHER
}
