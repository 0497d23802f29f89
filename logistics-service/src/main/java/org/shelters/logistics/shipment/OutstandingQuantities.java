package org.shelters.logistics.shipment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shelters.events.agreements.CommitmentLine;
import org.shelters.logistics.agreement.AgreementReplica;

/**
 * The arithmetic of "how much is still to ship" for one agreement, as {@link LineBalance} defines
 * it: committed comes from the replica (latest terms, so a reducing amendment is respected); planned,
 * in transit, accepted and rejected come from this service's own shipments. Quantities are
 * {@link BigDecimal}s throughout: they are sums of what users entered, and must neither overflow
 * nor round.
 */
public final class OutstandingQuantities {

    private final Map<String, LineBalance> byLine;

    private OutstandingQuantities(Map<String, LineBalance> byLine) {
        this.byLine = byLine;
    }

    public static OutstandingQuantities of(AgreementReplica agreement, Collection<Shipment> shipmentsOfAgreement) {
        Map<String, LineBalance> balances = new LinkedHashMap<>();
        for (CommitmentLine line : agreement.commitments()) {
            Sums sums = new Sums();
            for (Shipment shipment : shipmentsOfAgreement) {
                for (ShipmentItem item : shipment.lines()) {
                    if (line.lineId().equals(item.commitmentLineId())) {
                        sums.add(shipment.status(), item);
                    }
                }
            }
            BigDecimal committed = line.quantity();
            BigDecimal outstanding = committed.subtract(sums.accepted).subtract(sums.planned).subtract(sums.inTransit)
                    .max(BigDecimal.ZERO);
            balances.put(line.lineId(), new LineBalance(line.lineId(), line.category(), line.itemCode(),
                    line.description(), line.unit(), committed, sums.planned, sums.inTransit, sums.accepted,
                    sums.rejected, outstanding));
        }
        return new OutstandingQuantities(balances);
    }

    public Optional<LineBalance> line(String commitmentLineId) {
        return Optional.ofNullable(byLine.get(commitmentLineId));
    }

    public List<LineBalance> lines() {
        return new ArrayList<>(byLine.values());
    }

    /** The shipment quantities of one commitment line, by where they stand. */
    private static final class Sums {
        private BigDecimal planned = BigDecimal.ZERO;
        private BigDecimal inTransit = BigDecimal.ZERO;
        private BigDecimal accepted = BigDecimal.ZERO;
        private BigDecimal rejected = BigDecimal.ZERO;

        private void add(ShipmentStatus status, ShipmentItem item) {
            switch (status) {
                case PLANNED -> planned = planned.add(item.quantity());
                case DISPATCHED -> inTransit = inTransit.add(item.quantity());
                case DELIVERED -> {
                    accepted = accepted.add(orZero(item.quantityAccepted()));
                    rejected = rejected.add(orZero(item.quantityRejected()));
                }
                case CANCELLED -> {
                    // cancelled before dispatch: nothing was sent, nothing counts
                }
            }
        }

        private static BigDecimal orZero(BigDecimal quantity) {
            return quantity == null ? BigDecimal.ZERO : quantity;
        }
    }
}
