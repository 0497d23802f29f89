package org.shelters.events.shelters;

/** What a shelter offers the people it receives. */
public enum ShelterServiceOffered {
    LODGING, FOOD, MEDICAL_CARE, PSYCHOSOCIAL_SUPPORT, LEGAL_ADVICE, COMMUNICATIONS,
    HYGIENE, SPACE_FOR_WOMEN_AND_CHILDREN, REFERRALS
}
