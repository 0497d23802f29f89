package org.shelters.logistics.shipment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.logistics.RejectionReason;

/** The JSON bodies of the shipment commands. */
public final class ShipmentRequests {

    private ShipmentRequests() {
    }

    /**
     * @param overDelivery       ship beyond what is outstanding, deliberately; needs {@code overDeliveryReason}
     */
    public record PlanShipment(
            @NotBlank String agreementId,
            @NotBlank String shelterId,
            @NotNull LocalDate plannedDate,
            @NotEmpty List<@NotNull @Valid PlanLine> lines,
            Boolean overDelivery,
            String overDeliveryReason) {

        Shipment.Plan toCommand() {
            return new Shipment.Plan(agreementId, shelterId, plannedDate, lines.stream()
                    .map(l -> new Shipment.PlanLine(l.commitmentLineId(), l.category(), l.itemCode(), l.quantity(), l.unit(),
                            l.lot(), l.expiryDate()))
                    .toList(), Boolean.TRUE.equals(overDelivery), overDeliveryReason);
        }
    }

    /** category, itemCode and unit may be left out (taken from the commitment line); if given they must match it. */
    public record PlanLine(
            @NotBlank String commitmentLineId,
            SupplyCategory category,
            String itemCode,
            @NotNull @Positive BigDecimal quantity,
            String unit,
            String lot,
            LocalDate expiryDate) {
    }

    /** dispatchedAt defaults to now. */
    public record DispatchShipment(@NotBlank String carrier, String waybill, Instant dispatchedAt) {
    }

    public record DeliverShipment(
            @NotNull Instant receivedAt,
            @NotBlank String receivedByRole,
            @NotEmpty List<@NotNull @Valid DeliveredLine> lines) {

        Shipment.Deliver toCommand() {
            return new Shipment.Deliver(receivedAt, receivedByRole, lines.stream()
                    .map(l -> new Shipment.LineReceipt(l.lineId(), l.quantityAccepted(), l.quantityRejected(),
                            l.rejectionReason()))
                    .toList());
        }
    }

    /** quantityRejected defaults to 0; a rejected quantity needs rejectionReason. */
    public record DeliveredLine(
            @NotBlank String lineId,
            @NotNull @PositiveOrZero BigDecimal quantityAccepted,
            @PositiveOrZero BigDecimal quantityRejected,
            RejectionReason rejectionReason) {
    }

    public record CancelShipment(@NotBlank String reason) {
    }
}
