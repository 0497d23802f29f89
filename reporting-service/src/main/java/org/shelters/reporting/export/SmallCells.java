package org.shelters.reporting.export;

/**
 * Disclosure control for shared exports: a count of vulnerable people between 1 and the threshold
 * minus one is not published (the cell is left empty). Zero reveals no one and is kept.
 */
public record SmallCells(int threshold) {

    public Integer suppress(int count) {
        return count > 0 && count < threshold ? null : count;
    }
}
