package org.shelters.events.agreements;

/** A training the agreement plans for shelter staff. */
public record PlannedTraining(TrainingTopic topic, int participants) {
}
