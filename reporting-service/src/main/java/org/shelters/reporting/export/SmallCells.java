package org.shelters.reporting.export;

import java.util.Arrays;
import java.util.List;

/**
 * Disclosure control for shared exports: a count of vulnerable people between 1 and the threshold
 * minus one is not published. Zero reveals no one and is kept. What stands in the cell instead is
 * {@code marker} (blank in every export: the row names its suppressed columns, see
 * {@link PublishedCounts}).
 */
public record SmallCells(int threshold, String marker) {

    /** Suppressed cells left blank. */
    public SmallCells(int threshold) {
        this(threshold, null);
    }

    public Long suppress(long count) {
        return count > 0 && count < threshold ? null : count;
    }

    /** The cell as published: the count, or the marker when it is suppressed. */
    public Object cell(long count) {
        Long published = suppress(count);
        return published == null ? marker : published;
    }

    /**
     * Two counts that add up to a published total: if one is suppressed, the other would give it
     * away (total minus the other), so both are left empty.
     */
    public List<Long> suppressComplements(long first, long second) {
        Long a = suppress(first);
        Long b = suppress(second);
        return a == null || b == null ? Arrays.asList(null, null) : List.of(a, b);
    }

    /** {@link #suppressComplements} as published cells (a suppressed pair both carry the marker). */
    public List<Object> complementCells(long first, long second) {
        List<Long> pair = suppressComplements(first, second);
        return pair.get(0) == null ? Arrays.asList(marker, marker) : List.of(pair.get(0), pair.get(1));
    }
}
