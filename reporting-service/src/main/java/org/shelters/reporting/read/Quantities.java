package org.shelters.reporting.read;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** Small arithmetic shared by the views; quantities stay exact (BigDecimal). */
public final class Quantities {

    /** Columns of a running sum row; views use as many as they need. */
    private static final int WIDTH = 6;

    private Quantities() {
    }

    public static <K> void add(Map<K, BigDecimal[]> sums, K key, int index, BigDecimal value) {
        BigDecimal[] row = sums.computeIfAbsent(key, k -> zeros());
        if (value != null) {
            row[index] = row[index].add(value);
        }
    }

    public static BigDecimal[] zeros() {
        BigDecimal[] row = new BigDecimal[WIDTH];
        java.util.Arrays.fill(row, BigDecimal.ZERO);
        return row;
    }

    public static BigDecimal nz(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    /**
     * What still has to be planned of a commitment line, as every service defines it (shared-events
     * README, "Quantities of a commitment line"): committed − accepted − planned − in transit, never
     * below 0. A rejected quantity is not subtracted: it must be replaced, so it is outstanding again.
     */
    public static BigDecimal outstanding(BigDecimal committed, BigDecimal accepted, BigDecimal planned,
                                         BigDecimal inTransit) {
        return nz(committed).subtract(nz(accepted)).subtract(nz(planned)).subtract(nz(inTransit)).max(BigDecimal.ZERO);
    }

    /** part / whole as a percentage with one decimal; null when nothing was committed. */
    public static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        if (whole == null || whole.signum() == 0) {
            return null;
        }
        return nz(part).multiply(BigDecimal.valueOf(100)).divide(whole, 1, RoundingMode.HALF_UP);
    }
}
