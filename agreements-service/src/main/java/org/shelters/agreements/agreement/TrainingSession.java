package org.shelters.agreements.agreement;

import java.time.LocalDate;
import org.shelters.events.agreements.TrainingTopic;

/** A training session delivered under the agreement; participants are counted by sex only. */
public record TrainingSession(String sessionId, TrainingTopic topic, LocalDate date, int participantsWomen,
                              int participantsMen) {
}
