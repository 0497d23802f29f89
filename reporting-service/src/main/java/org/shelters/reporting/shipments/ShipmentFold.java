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
import org.shelters.reporting.projection.Applying;
import org.shelters.reporting.projection.Changes;
import org.shelters.reporting.projection.Projection;
import org.shelters.reporting.projection.TopicProjection;

/** The write side of {@code logistics.v1}: a shipment's lines, dispatch, proof of delivery and carrier. */
public final class ShipmentFold {

    public static final Projection<ShipmentDoc> SHIPMENTS =
            new Projection<>("delivery_performance", ShipmentDoc.class, ShipmentDoc::empty,
                    List.of("shelterId", "agreementId", "status"));

    /*
     * Fields set by more than one event type carry the sequence that set them, so an event applied
     * late (a replayed dead letter) never overwrites what a later event set: a late dispatch after
     * the proof of delivery leaves the shipment delivered, with the delivered lines.
     */
    static final String STATUS = "status";
    static final String LINES = "lines";
    static final String DISPATCHED_AT = "dispatchedAt";
    static final String CARRIER = "carrier";

    static final EventSwitch<LogisticsEvent, Applying<ShipmentDoc>> APPLY =
            EventSwitch.over(LogisticsEvent.class, Applying.to(ShipmentDoc.class))
                    .on(ShipmentPlanned.class, ShipmentFold::planned)
                    .on(SuppliesDispatched.class, ShipmentFold::dispatched)
                    .on(SuppliesDelivered.class, ShipmentFold::delivered)
                    .on(ShipmentCancelled.class, (at, cancelled) -> status(at, "CANCELLED"))
                    .build();

    public static final TopicProjection<LogisticsEvent> PROJECTION =
            new TopicProjection<>(Topics.LOGISTICS, List.of(SHIPMENTS), ShipmentFold::fold);

    private ShipmentFold() {
    }

    /** Every event of a shipment changes that shipment's document, and no other. */
    static void fold(Changes changes, LogisticsEvent event) {
        changes.change(SHIPMENTS, event.shipmentId(), at -> apply(at, event));
    }

    /** Applies {@code event}, of aggregate sequence {@code sequence}, to {@code doc} (the guard already admitted it). */
    public static void apply(ShipmentDoc doc, LogisticsEvent event, long sequence) {
        apply(new Applying<>(doc, sequence), event);
    }

    static void apply(Applying<ShipmentDoc> at, LogisticsEvent event) {
        // every event of the shipment carries the same two ids
        at.doc().agreementId = event.agreementId();
        at.doc().shelterId = event.shelterId();
        APPLY.apply(at, event);
    }

    private static void planned(Applying<ShipmentDoc> at, ShipmentPlanned p) {
        at.doc().plannedDate = p.plannedDate();
        if (at.sets(LINES)) {
            at.doc().lines = lines(p.lines());
        }
        status(at, "PLANNED");
    }

    private static void dispatched(Applying<ShipmentDoc> at, SuppliesDispatched d) {
        ShipmentDoc doc = at.doc();
        if (d.dispatchedAt() != null && at.sets(DISPATCHED_AT)) {
            doc.dispatchedAt = d.dispatchedAt();
        }
        if (d.carrier() != null && at.sets(CARRIER)) {
            doc.carrier = d.carrier();
        }
        doc.waybill = d.waybill();
        if (!d.lines().isEmpty() && at.sets(LINES)) {
            doc.lines = lines(d.lines());
        }
        status(at, "IN_TRANSIT");
    }

    private static void delivered(Applying<ShipmentDoc> at, SuppliesDelivered d) {
        ShipmentDoc doc = at.doc();
        // the proof of delivery carries dispatch time and carrier: lead time needs no earlier event
        if (d.dispatchedAt() != null && at.sets(DISPATCHED_AT)) {
            doc.dispatchedAt = d.dispatchedAt();
        }
        if (d.carrier() != null && at.sets(CARRIER)) {
            doc.carrier = d.carrier();
        }
        doc.receivedAt = d.receivedAt();
        if (at.sets(LINES)) {
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
        }
        status(at, "DELIVERED");
    }

    private static void status(Applying<ShipmentDoc> at, String status) {
        if (at.sets(STATUS)) {
            at.doc().status = status;
        }
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
