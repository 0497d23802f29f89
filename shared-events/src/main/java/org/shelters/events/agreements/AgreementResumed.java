package org.shelters.events.agreements;

public record AgreementResumed(String agreementId, String shelterId) implements AgreementEvent {
}
