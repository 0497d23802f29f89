package org.shelters.events.agreements;

/** Training offered to shelter staff. */
public enum TrainingTopic {
    MIGRANT_RIGHTS, HUMAN_TRAFFICKING, PSYCHOSOCIAL_SUPPORT
}
