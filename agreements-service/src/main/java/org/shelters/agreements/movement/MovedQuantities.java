package org.shelters.agreements.movement;

import java.math.BigDecimal;
import java.util.Map;

/**
 * How much logistics has moved against each commitment line of one agreement: planned (not
 * cancelled, not dispatched) + in transit (dispatched, not delivered) + accepted (delivered), in
 * the meanings of the shared-events README ("Quantities of a commitment line"). Rejected
 * quantities are not in it: they must be replaced, so they are not moved.
 *
 * <p>The agreement is told these figures ({@code Agreement.amend}); it never looks them up, so it
 * stays a pure decision over its own state and what it is given.
 *
 * @param byLine moved quantity per commitment line id; a line that is absent has moved nothing
 */
public record MovedQuantities(Map<String, BigDecimal> byLine) {

    /** Nothing moved against any line (no shipment known). */
    public static final MovedQuantities NONE = new MovedQuantities(Map.of());

    public MovedQuantities {
        byLine = byLine == null ? Map.of() : Map.copyOf(byLine);
    }

    /** The moved quantity of one line, 0 when nothing moved against it. */
    public BigDecimal of(String lineId) {
        return byLine.getOrDefault(lineId, BigDecimal.ZERO);
    }

    public boolean any(String lineId) {
        return of(lineId).signum() > 0;
    }
}
