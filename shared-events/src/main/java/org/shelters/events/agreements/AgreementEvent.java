package org.shelters.events.agreements;

import org.shelters.events.EventPayload;

/** Events of topic {@code agreements.v1}, keyed by agreementId. */
public sealed interface AgreementEvent extends EventPayload
        permits AgreementDrafted, AgreementSigned, AgreementAmended, AgreementSuspended, AgreementResumed,
        AgreementTerminated, AgreementExpired, AgreementCompleted, TrainingSessionDelivered {

    String agreementId();

    String shelterId();

    @Override
    default String aggregateId() {
        return agreementId();
    }
}
