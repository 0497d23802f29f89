package org.shelters.events.agreements;

import java.time.LocalDate;

/** Inclusive start and end dates of an agreement. */
public record Period(LocalDate start, LocalDate end) {
}
