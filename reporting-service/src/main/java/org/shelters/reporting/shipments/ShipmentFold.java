package org.shelters.reporting.shipments;

import java.util.ArrayList;
import java.util.List;
import org.shelters.events.EventSwitch;
import org.shelters.events.Topics;
import org.shelters.events.logistics.DeliveredLine;
import org.shelters.events.logistics.LogisticsEvent;
import org.shelters.events.logistics.ShipmentCancelled;
import org.shelters.events.logistics.ShipmentLine;
import org.shelters.events.logistics.ShipmentPlanned;
import org.shelters.events.logistics.SuppliesDelivered;
import org.shelters.events.logistics.SuppliesDispatched;
import org.shelters.reporting.projection.Changes;
import org.shelters.reporting.projection.Projection;
import org.shelters.reporting.projection.TopicProjection;

/** The write side of {@code logistics.v1}: a shipment's lines, dispatch, proof of delivery and carrier. */
public final class ShipmentFold {

    public static final Projection<ShipmentDoc> SHIPMENTS =
            new Projection<>("delivery_performance", ShipmentDoc.class, ShipmentDoc::empty);

    static final EventSwitch<LogisticsEvent, ShipmentDoc> APPLY = EventSwitch.over(LogisticsEvent.class, ShipmentDoc.class)
            .on(ShipmentPlanned.class, ShipmentFold::planned)
            .on(SuppliesDispatched.class, ShipmentFold::dispatched)
            .on(SuppliesDelivered.class, ShipmentFold::delivered)
            .on(ShipmentCancelled.class, (doc, cancelled) -> doc.status = "CANCELLED")
            .build();

    public static final TopicProjection<LogisticsEvent> PROJECTION =
            new TopicProjection<>(Topics.LOGISTICS, List.of(SHIPMENTS), ShipmentFold::fold);

    private ShipmentFold() {
    }

    /** Every event of a shipment changes that shipment's document, and no other. */
    static void fold(Changes changes, LogisticsEvent event) {
        changes.change(SHIPMENTS, event.shipmentId(), doc -> apply(doc, event));
    }

    public static void apply(ShipmentDoc doc, LogisticsEvent event) {
        doc.agreementId = event.agreementId();
        doc.shelterId = event.shelterId();
        APPLY.apply(doc, event);
    }

    private static void planned(ShipmentDoc doc, ShipmentPlanned p) {
        doc.plannedDate = p.plannedDate();
        doc.lines = lines(p.lines());
        if (doc.status == null) {
            doc.status = "PLANNED";
        }
    }

    private static void dispatched(ShipmentDoc doc, SuppliesDispatched d) {
        doc.dispatchedAt = d.dispatchedAt();
        doc.carrier = d.carrier();
        doc.waybill = d.waybill();
        if (!d.lines().isEmpty()) {
            doc.lines = lines(d.lines());
        }
        doc.status = "IN_TRANSIT";
    }

    private static void delivered(ShipmentDoc doc, SuppliesDelivered d) {
        // the proof of delivery carries dispatch time and carrier: lead time needs no earlier event
        if (d.dispatchedAt() != null) {
            doc.dispatchedAt = d.dispatchedAt();
        }
        if (d.carrier() != null) {
            doc.carrier = d.carrier();
        }
        doc.receivedAt = d.receivedAt();
        List<ShipmentDoc.Line> lines = new ArrayList<>();
        for (DeliveredLine l : d.lines()) {
            ShipmentDoc.Line line = new ShipmentDoc.Line();
            line.lineId = l.lineId();
            line.commitmentLineId = l.commitmentLineId();
            line.category = l.category();
            line.itemCode = l.itemCode();
            line.quantity = l.quantityShipped();
            line.accepted = l.quantityAccepted();
            line.rejected = l.quantityRejected();
            line.rejectionReason = l.rejectionReason();
            lines.add(line);
        }
        doc.lines = lines;
        doc.status = "DELIVERED";
    }

    private static List<ShipmentDoc.Line> lines(List<ShipmentLine> source) {
        List<ShipmentDoc.Line> lines = new ArrayList<>();
        for (ShipmentLine l : source) {
            ShipmentDoc.Line line = new ShipmentDoc.Line();
            line.lineId = l.lineId();
            line.commitmentLineId = l.commitmentLineId();
            line.category = l.category();
            line.itemCode = l.itemCode();
            line.quantity = l.quantity();
            lines.add(line);
        }
        return lines;
    }
}
