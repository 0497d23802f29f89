package org.shelters.reporting.read;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Quantities added up within one unit only (tablets with tablets, kits with kits), with the
 * fulfilment of that unit's lines. A group's quantities are a list of these, never one number.
 *
 * @param unit null for quantities shipped against a commitment line that is not known (yet)
 */
public record UnitQuantities(String unit, BigDecimal committed, BigDecimal planned, BigDecimal dispatched,
                             BigDecimal inTransit, BigDecimal accepted, BigDecimal rejected,
                             BigDecimal fulfilmentPercent, Fulfilment.Method fulfilmentMethod) {

    /** One entry per unit, by unit name (the unknown unit last). */
    public static List<UnitQuantities> of(Collection<LineProgress> lines) {
        Map<String, List<LineProgress>> byUnit = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        lines.forEach(l -> byUnit.computeIfAbsent(l.unit(), k -> new ArrayList<>()).add(l));
        List<UnitQuantities> result = new ArrayList<>();
        byUnit.forEach((unit, same) -> {
            Fulfilment fulfilment = Fulfilment.of(same);
            result.add(new UnitQuantities(unit, sum(same, LineProgress::committed), sum(same, LineProgress::planned),
                    sum(same, LineProgress::dispatched), sum(same, LineProgress::inTransit),
                    sum(same, LineProgress::accepted), sum(same, LineProgress::rejected), fulfilment.percent(),
                    fulfilment.method()));
        });
        return result;
    }

    private static BigDecimal sum(List<LineProgress> lines, java.util.function.Function<LineProgress, BigDecimal> column) {
        return lines.stream().map(column).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
