package org.shelters.events.agreements;

/**
 * A numbered amendment of a signed agreement. {@code terms} is the full new set (commitments,
 * budget, period), not a diff; the budget is an IATI "Revised" budget.
 */
public record AgreementAmended(
        String agreementId,
        String shelterId,
        int amendmentNumber,
        String reason,
        AgreementTerms terms) implements AgreementEvent {
}
