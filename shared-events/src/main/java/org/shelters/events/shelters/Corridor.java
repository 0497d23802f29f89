package org.shelters.events.shelters;

/** Where along the migration route a shelter sits. */
public enum Corridor {
    SOUTHERN_BORDER, CENTRE, NORTHERN_BORDER
}
