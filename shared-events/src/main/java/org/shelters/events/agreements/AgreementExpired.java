package org.shelters.events.agreements;

import java.time.LocalDate;

/** The period of a signed agreement ended; published once, by the clock, not by a person. */
public record AgreementExpired(String agreementId, String shelterId, LocalDate periodEnd) implements AgreementEvent {
}
