package org.shelters.reporting.shipments;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.reporting.projection.ProjectionDoc;

/** A shipment's lines, dispatch and proof of delivery. */
public class ShipmentDoc extends ProjectionDoc {

    public String agreementId;
    public String shelterId;
    /** PLANNED, IN_TRANSIT, DELIVERED or CANCELLED. */
    public String status;
    public LocalDate plannedDate;
    public Instant dispatchedAt;
    public String carrier;
    public String waybill;
    public Instant receivedAt;
    public List<Line> lines = new ArrayList<>();

    public static ShipmentDoc empty(String id) {
        ShipmentDoc doc = new ShipmentDoc();
        doc.id = id;
        return doc;
    }

    /** Planned and not dispatched yet (nor cancelled): the pipeline. */
    public boolean planned() {
        return "PLANNED".equals(status);
    }

    public boolean inTransit() {
        return "IN_TRANSIT".equals(status);
    }

    public boolean delivered() {
        return "DELIVERED".equals(status);
    }

    public static class Line {
        public String lineId;
        public String commitmentLineId;
        public SupplyCategory category;
        public String itemCode;
        /** Planned or dispatched quantity; the shipped quantity once delivered. */
        public BigDecimal quantity;
        public BigDecimal accepted;
        public BigDecimal rejected;
        public RejectionReason rejectionReason;
    }
}
