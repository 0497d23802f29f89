package org.shelters.reporting.read;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One commitment line's quantities, all in the line's own unit: the only level where committed
 * and delivered quantities may be compared. Every fulfilment figure above a line aggregates these
 * ({@link Fulfilment}); quantities of different lines are only ever added within one unit
 * ({@link UnitQuantities}).
 *
 * @param unit      the line's unit; null for quantities shipped against a line the agreement does not (yet) show
 * @param unitCost  the cost of one unit in {@code currency}, null when the line carries none
 * @param currency  the agreement's budget currency
 * @param committed the line's quantity in the current terms (0 for a line not known)
 */
public record LineProgress(String unit, BigDecimal unitCost, String currency, BigDecimal committed, BigDecimal planned,
                           BigDecimal dispatched, BigDecimal inTransit, BigDecimal accepted, BigDecimal rejected) {

    /** Scale of the exact intermediate shares, before a figure is rounded to one decimal. */
    static final int SCALE = 12;
    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public LineProgress {
        committed = Quantities.nz(committed);
        planned = Quantities.nz(planned);
        dispatched = Quantities.nz(dispatched);
        inTransit = Quantities.nz(inTransit);
        accepted = Quantities.nz(accepted);
        rejected = Quantities.nz(rejected);
    }

    /** Accepted / committed in percent, one decimal, not capped (an over-delivery shows above 100); null when nothing is committed. */
    public BigDecimal percent() {
        return Quantities.percent(accepted, committed);
    }

    /** Whether the line has a fulfilment of its own: something was committed. */
    boolean counts() {
        return committed.signum() > 0;
    }

    /** Accepted / committed, capped at 1: an over-delivered line cannot make up for another line's shortfall. */
    BigDecimal cappedShare() {
        return accepted.min(committed).divide(committed, SCALE, RoundingMode.HALF_UP);
    }

    /** Committed × unit cost, in {@code currency}; null without a unit cost. */
    BigDecimal committedValue() {
        return unitCost == null ? null : committed.multiply(unitCost);
    }

    /** A copy with the counted quantities of {@code other} added (same line, another shipment). */
    LineProgress plus(BigDecimal plannedMore, BigDecimal dispatchedMore, BigDecimal inTransitMore, BigDecimal acceptedMore,
                      BigDecimal rejectedMore) {
        return new LineProgress(unit, unitCost, currency, committed, planned.add(Quantities.nz(plannedMore)),
                dispatched.add(Quantities.nz(dispatchedMore)), inTransit.add(Quantities.nz(inTransitMore)),
                accepted.add(Quantities.nz(acceptedMore)), rejected.add(Quantities.nz(rejectedMore)));
    }
}
