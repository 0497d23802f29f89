package org.shelters.events.agreements;

public enum ConstructionWorkKind {
    SPACE_FOR_WOMEN_AND_CHILDREN, THERAPY_ROOM, SANITATION, DORMITORY, OTHER
}
