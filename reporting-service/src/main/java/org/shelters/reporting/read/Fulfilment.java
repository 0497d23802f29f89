package org.shelters.reporting.read;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;

/**
 * The fulfilment of a group of commitment lines (an agreement, a category, a shelter, a row of the
 * programme), never accepted over committed across lines: that would add tablets to kits.
 * <ul>
 *   <li>{@link Method#VALUE_WEIGHTED} when every line with a committed quantity carries a unit cost
 *       and they share one currency (and their value is not 0): the sum over lines of
 *       min(accepted, committed) × unit cost over the sum of committed × unit cost.</li>
 *   <li>{@link Method#MEAN_OF_LINES} otherwise: the mean of the lines' percentages, each capped at 100.</li>
 * </ul>
 * A line with nothing committed (quantities shipped against a line not known) has no percentage and
 * takes no part. Capping keeps an over-delivered line from hiding another line's shortfall.
 *
 * @param percent one decimal, 0–100; null when no line has a committed quantity
 * @param method  how {@code percent} was computed
 * @param lines   how many commitment lines it aggregates
 */
public record Fulfilment(BigDecimal percent, Method method, int lines) {

    public enum Method { MEAN_OF_LINES, VALUE_WEIGHTED }

    public static Fulfilment of(Collection<LineProgress> all) {
        List<LineProgress> lines = all.stream().filter(LineProgress::counts).toList();
        if (lines.isEmpty()) {
            return new Fulfilment(null, Method.MEAN_OF_LINES, 0);
        }
        boolean priced = lines.stream().allMatch(l -> l.unitCost() != null)
                && lines.stream().map(LineProgress::currency).distinct().count() == 1
                && lines.get(0).currency() != null;
        if (priced) {
            BigDecimal value = lines.stream().map(LineProgress::committedValue).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (value.signum() > 0) {
                BigDecimal delivered = lines.stream().map(l -> l.committedValue().multiply(l.cappedShare()))
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                return new Fulfilment(round(delivered.multiply(LineProgress.HUNDRED).divide(value, LineProgress.SCALE,
                        RoundingMode.HALF_UP)), Method.VALUE_WEIGHTED, lines.size());
            }
        }
        BigDecimal sum = lines.stream().map(LineProgress::cappedShare).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Fulfilment(round(sum.multiply(LineProgress.HUNDRED).divide(BigDecimal.valueOf(lines.size()),
                LineProgress.SCALE, RoundingMode.HALF_UP)), Method.MEAN_OF_LINES, lines.size());
    }

    private static BigDecimal round(BigDecimal percent) {
        return percent.setScale(1, RoundingMode.HALF_UP);
    }
}
