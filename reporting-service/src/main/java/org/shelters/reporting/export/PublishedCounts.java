package org.shelters.reporting.export;

import java.util.ArrayList;
import java.util.List;

/**
 * The counts of one exported row (or one IATI activity) as published: a count the small-cell rule
 * suppresses is left out (an empty CSV cell, an IATI value without {@code @value}) and the column
 * it belongs to is remembered, so the row can say what was suppressed ({@code #x_suppressed})
 * without breaking the column's type: a {@code #reached} cell stays a number or empty, as the HXL
 * default schema requires, where a {@code <5} would be an error.
 */
final class PublishedCounts {

    private final SmallCells cells;
    private final boolean suppressTotals;
    private final List<String> suppressed = new ArrayList<>();

    /**
     * @param suppressTotals whether totals of people are suppressed too (a donor's exports), not only
     *                       the counts of groups (every export)
     */
    PublishedCounts(SmallCells cells, boolean suppressTotals) {
        this.cells = cells;
        this.suppressTotals = suppressTotals;
    }

    /** A count of a group of people: published, or null and {@code column} named as suppressed. */
    Long group(String column, long count) {
        Long published = cells.suppress(count);
        if (published == null) {
            suppressed.add(column);
        }
        return published;
    }

    /** A total of people: raw for programme readers, suppressed like a group for a donor. */
    Long total(String column, long count) {
        return suppressTotals ? group(column, count) : Long.valueOf(count);
    }

    /** Two groups that add up to a published total: both or neither ({@link SmallCells#suppressComplements}). */
    List<Long> complements(String firstColumn, String secondColumn, long first, long second) {
        List<Long> pair = cells.suppressComplements(first, second);
        if (pair.get(0) == null) {
            suppressed.add(firstColumn);
            suppressed.add(secondColumn);
        }
        return pair;
    }

    /** Two totals that add up (participants by sex): as {@link #complements}, for a donor only. */
    List<Long> totalComplements(String firstColumn, String secondColumn, long first, long second) {
        return suppressTotals ? complements(firstColumn, secondColumn, first, second) : List.of(first, second);
    }

    int threshold() {
        return cells.threshold();
    }

    /** The columns suppressed so far, space-separated; null when none was. */
    String suppressed() {
        return suppressed.isEmpty() ? null : String.join(" ", suppressed);
    }
}
