package org.shelters.reporting.read;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** Small arithmetic shared by the views; quantities stay exact (BigDecimal). */
public final class Quantities {

    /** Columns of a running sum row; views use as many as they need. */
    private static final int WIDTH = 5;

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

    /** part / whole as a percentage with one decimal; null when nothing was committed. */
    public static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        if (whole == null || whole.signum() == 0) {
            return null;
        }
        return nz(part).multiply(BigDecimal.valueOf(100)).divide(whole, 1, RoundingMode.HALF_UP);
    }
}
