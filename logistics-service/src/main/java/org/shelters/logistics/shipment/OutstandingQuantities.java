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
 * The arithmetic of "how much is still to ship" for one agreement: committed comes from the
 * replica (latest terms, so a reducing amendment is respected); accepted and in transit come
 * from this service's own shipments. Rejected quantities do not count as delivered, so they
 * become outstanding again.
 */
public final class OutstandingQuantities {

    private final Map<String, LineBalance> byLine;

    private OutstandingQuantities(Map<String, LineBalance> byLine) {
        this.byLine = byLine;
    }

    public static OutstandingQuantities of(AgreementReplica agreement, Collection<Shipment> shipmentsOfAgreement) {
        Map<String, LineBalance> balances = new LinkedHashMap<>();
        for (CommitmentLine line : agreement.commitments()) {
            BigDecimal accepted = BigDecimal.ZERO;
            BigDecimal inTransit = BigDecimal.ZERO;
            for (Shipment shipment : shipmentsOfAgreement) {
                for (ShipmentItem item : shipment.lines()) {
                    if (!line.lineId().equals(item.commitmentLineId())) {
                        continue;
                    }
                    if (shipment.status().inTransit()) {
                        inTransit = inTransit.add(item.quantity());
                    } else if (shipment.status() == ShipmentStatus.DELIVERED && item.quantityAccepted() != null) {
                        accepted = accepted.add(item.quantityAccepted());
                    }
                }
            }
            BigDecimal committed = line.quantity();
            balances.put(line.lineId(), new LineBalance(line.lineId(), line.category(), line.itemCode(),
                    line.description(), line.unit(), committed, accepted, inTransit,
                    committed.subtract(accepted).subtract(inTransit)));
        }
        return new OutstandingQuantities(balances);
    }

    public Optional<LineBalance> line(String commitmentLineId) {
        return Optional.ofNullable(byLine.get(commitmentLineId));
    }

    public List<LineBalance> lines() {
        return new ArrayList<>(byLine.values());
    }
}
