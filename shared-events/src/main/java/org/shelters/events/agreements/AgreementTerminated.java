package org.shelters.events.agreements;

public record AgreementTerminated(String agreementId, String shelterId, String reason) implements AgreementEvent {
}
