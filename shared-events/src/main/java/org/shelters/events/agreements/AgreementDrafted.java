package org.shelters.events.agreements;

/** A programme officer drafted an agreement with a shelter. */
public record AgreementDrafted(
        String agreementId,
        String shelterId,
        String programmeCode,
        String donor,
        String phase,
        int year,
        AgreementTerms terms) implements AgreementEvent {
}
