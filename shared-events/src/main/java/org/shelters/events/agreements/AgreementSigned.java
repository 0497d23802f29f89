package org.shelters.events.agreements;

import java.time.LocalDate;

/** The agreement is in force. Carries its full terms. */
public record AgreementSigned(
        String agreementId,
        String shelterId,
        String programmeCode,
        String donor,
        String phase,
        int year,
        LocalDate signedOn,
        AgreementTerms terms) implements AgreementEvent {
}
