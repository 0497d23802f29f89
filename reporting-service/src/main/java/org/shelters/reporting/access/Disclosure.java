package org.shelters.reporting.access;

import java.time.LocalDate;
import java.util.List;

/**
 * What an answer to a donor left out, sent with it ({@code disclosure} next to {@code data}): the
 * threshold below which a count is not published, the fixed period the figures cover, the JSON
 * pointers (into {@code data}) of the counts published as {@code null} because they were small, and
 * the fields a donor never gets (null throughout, whatever their size).
 *
 * @param suppressed JSON pointers, e.g. {@code /rows/2/peopleReceived}: each was between 1 and
 *                   {@code smallCellThreshold - 1} (or gave such a count away by subtraction)
 * @param withheld   field names published as null everywhere in {@code data}
 */
public record Disclosure(String audience, int smallCellThreshold, LocalDate from, LocalDate to,
                         List<String> suppressed, List<String> withheld) {

    public Disclosure {
        suppressed = List.copyOf(suppressed);
        withheld = List.copyOf(withheld);
    }
}
