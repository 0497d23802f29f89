package org.shelters.events.agreements;

import java.time.LocalDate;

/** A training session held under a signed agreement; participants are counted by sex only. */
public record TrainingSessionDelivered(
        String agreementId,
        String shelterId,
        String sessionId,
        TrainingTopic topic,
        LocalDate date,
        int participantsWomen,
        int participantsMen) implements AgreementEvent {
}
