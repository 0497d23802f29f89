package org.shelters.events.agreements;

public record AgreementCompleted(String agreementId, String shelterId) implements AgreementEvent {
}
