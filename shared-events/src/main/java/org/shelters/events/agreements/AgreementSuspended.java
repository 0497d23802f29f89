package org.shelters.events.agreements;

public record AgreementSuspended(String agreementId, String shelterId, String reason) implements AgreementEvent {
}
