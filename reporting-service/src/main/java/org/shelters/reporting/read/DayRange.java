package org.shelters.reporting.read;

import java.time.LocalDate;

/**
 * The days a figure covers, in the programme's calendar, both inclusive.
 *
 * @param from    null when nothing was reported at all
 * @param partial the range includes today (or later), whose reports are still coming in
 */
public record DayRange(LocalDate from, LocalDate to, boolean partial) {

    public static DayRange of(LocalDate from, LocalDate to, LocalDate today) {
        return new DayRange(from, to, to != null && !to.isBefore(today));
    }
}
