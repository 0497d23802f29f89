package org.shelters.reporting.export;

import java.util.Arrays;
import java.util.List;

/**
 * Disclosure control for shared exports: a count of vulnerable people between 1 and the threshold
 * minus one is not published (the cell is left empty). Zero reveals no one and is kept.
 */
public record SmallCells(int threshold) {

    public Long suppress(long count) {
        return count > 0 && count < threshold ? null : count;
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
}
