package org.shelters.agreements.shelter;

import java.time.LocalDate;

/** The answer to a daily arrivals report: revision 1 for a first report, higher for each correction. */
public record ArrivalsRecorded(String shelterId, LocalDate date, int revision, boolean correction) {
}
