package org.shelters.agreements.agreement;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.shelters.agreements.movement.MovedQuantities;
import org.shelters.events.agreements.CommitmentLine;
import org.shelters.platform.domain.Refusal;

/**
 * What a command that rewrites an agreement's commitment lines may do to them. Logistics plans,
 * ships and confirms against a commitment line id, and reporting folds those shipments under the
 * same id, so:
 *
 * <ul>
 *   <li>an id names one item for good: a line sent with an id the agreement has (or had) keeps
 *       that line's category, itemCode and unit, whatever moved against it — otherwise old
 *       shipments of one item would be counted against another; a different item is a new line,
 *       with a new id;</li>
 *   <li>a line against which something moved (planned, in transit or accepted) cannot be
 *       dropped — its shipments would belong to nothing — and its quantity cannot be lowered
 *       below what moved.</li>
 * </ul>
 *
 * Each rule is a 422 naming the first line at fault. Description changes are free.
 */
public final class CommitmentLineRules {

    private CommitmentLineRules() {
    }

    /**
     * @param current  the lines of the current terms
     * @param retired  lines that earlier amendments removed (their last terms), so their ids stay theirs
     * @param proposed the new full list, already numbered and trimmed, in the order the command sent it
     * @param moved    what logistics moved against each line so far
     * @throws Refusal RULE {@code line-identity-changed}, {@code line-has-movements} or {@code below-moved-quantity}
     */
    static void check(List<CommitmentLine> current, List<CommitmentLine> retired, List<CommitmentLine> proposed,
                      MovedQuantities moved) {
        Map<String, CommitmentLine> currentById = byId(current);
        Map<String, CommitmentLine> known = byId(retired);
        known.putAll(currentById);
        requireSameIdentity(known, proposed);
        requireMovedLinesKept(current, proposed, moved);
        requireNotBelowMoved(currentById, proposed, moved);
    }

    /** The lines of {@code current} and {@code retired} that {@code proposed} no longer has: what stays retired. */
    static List<CommitmentLine> retiredAfter(List<CommitmentLine> current, List<CommitmentLine> retired,
                                             List<CommitmentLine> proposed) {
        Set<String> kept = ids(proposed);
        Map<String, CommitmentLine> gone = byId(retired);
        gone.putAll(byId(current));
        gone.keySet().removeAll(kept);
        return List.copyOf(gone.values());
    }

    private static void requireSameIdentity(Map<String, CommitmentLine> known, List<CommitmentLine> proposed) {
        for (int i = 0; i < proposed.size(); i++) {
            CommitmentLine line = proposed.get(i);
            CommitmentLine before = known.get(line.lineId());
            if (before == null) {
                continue;
            }
            String at = "commitments[" + i + "].";
            if (line.category() != before.category()) {
                throw identityChanged(at + "category", before, "category", line.category());
            }
            if (!Objects.equals(line.itemCode(), before.itemCode())) {
                throw identityChanged(at + "itemCode", before, "itemCode", line.itemCode());
            }
            if (!Objects.equals(line.unit(), before.unit())) {
                throw identityChanged(at + "unit", before, "unit", line.unit());
            }
        }
    }

    private static Refusal identityChanged(String field, CommitmentLine before, String what, Object given) {
        return Refusal.rule("line-identity-changed", field, "line '" + before.lineId() + "' is " + before.category() + " "
                + before.itemCode() + " in " + before.unit() + "; its " + what + " cannot become '" + given
                + "' (shipments refer to the line by its id): add the new item as a new line without lineId");
    }

    private static void requireMovedLinesKept(List<CommitmentLine> current, List<CommitmentLine> proposed,
                                              MovedQuantities moved) {
        Set<String> kept = ids(proposed);
        for (CommitmentLine line : current) {
            if (!kept.contains(line.lineId()) && moved.any(line.lineId())) {
                throw Refusal.rule("line-has-movements", "commitments", "line '" + line.lineId() + "' ("
                        + line.itemCode() + ") has " + amount(moved.of(line.lineId()), line)
                        + " planned, in transit or accepted, so it cannot be removed; its quantity may be lowered down to that");
            }
        }
    }

    /**
     * Only a lowered quantity is judged: a line already over-delivered on purpose (moved above
     * committed) may still be amended in anything else, or raised.
     */
    private static void requireNotBelowMoved(Map<String, CommitmentLine> current, List<CommitmentLine> proposed,
                                             MovedQuantities moved) {
        for (int i = 0; i < proposed.size(); i++) {
            CommitmentLine line = proposed.get(i);
            CommitmentLine before = current.get(line.lineId());
            if (before == null || line.quantity().compareTo(before.quantity()) >= 0) {
                continue;
            }
            BigDecimal floor = moved.of(line.lineId());
            if (line.quantity().compareTo(floor) < 0) {
                throw Refusal.rule("below-moved-quantity", "commitments[" + i + "].quantity", "line '" + line.lineId()
                        + "' has " + amount(floor, line) + " planned, in transit or accepted; its quantity cannot be lowered"
                        + " below " + floor.stripTrailingZeros().toPlainString() + " (" + line.quantity().toPlainString()
                        + " given)");
            }
        }
    }

    private static String amount(BigDecimal quantity, CommitmentLine line) {
        return quantity.stripTrailingZeros().toPlainString() + " " + line.unit();
    }

    private static Map<String, CommitmentLine> byId(List<CommitmentLine> lines) {
        Map<String, CommitmentLine> byId = new LinkedHashMap<>();
        lines.forEach(line -> byId.put(line.lineId(), line));
        return byId;
    }

    private static Set<String> ids(List<CommitmentLine> lines) {
        Set<String> ids = new HashSet<>();
        lines.forEach(line -> ids.add(line.lineId()));
        return ids;
    }
}
