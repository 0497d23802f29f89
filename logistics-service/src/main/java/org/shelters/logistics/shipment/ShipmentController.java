package org.shelters.logistics.shipment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.LocalDate;
import org.shelters.platform.openapi.Answers;
import org.shelters.platform.outbox.Stored;
import org.shelters.platform.query.Page;
import org.shelters.platform.query.PageRequest;
import org.shelters.platform.security.Caller;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shipments: plan, dispatch, confirm delivery, cancel. State changes accept {@code If-Match}
 * (the ETag of a GET); a stale one is refused with 409. Every POST honours {@code Idempotency-Key}.
 *
 * <p>Who may call what is the service's {@code AccessRules}; which shipments a caller may see is
 * decided here, per object, from the request's own caller: a shelter partner reads only shipments
 * to its own shelters (another shelter's is 403, an unknown id 404 as for anyone), and its lists are
 * narrowed in the store query, so pages and totals count nothing of other shelters.
 */
@RestController
@RequestMapping("/api/shipments")
@Tag(name = "Shipments", description = "Supplies sent to shelters under signed agreements")
public class ShipmentController {

    /** Medicines and hygiene kits of the programme's press release, against lines L1 and L2 of a signed agreement. */
    static final String PLAN_EXAMPLE = """
            {"agreementId": "7f3e2a90-1c4b-4d8e-b6a2-5e9f0c1d2b34", "shelterId": "0b9c6a1e-5c1f-4f5e-9a57-3e2d1c0b4a10",
             "plannedDate": "2026-12-03",
             "lines": [
               {"commitmentLineId": "L1", "quantity": 2500, "lot": "PCM-2611-07", "expiryDate": "2028-05-31"},
               {"commitmentLineId": "L2", "quantity": 150}]}""";
    static final String DISPATCH_EXAMPLE = """
            {"carrier": "Estafeta", "waybill": "EST-4471-2026-1203", "dispatchedAt": "2026-12-03T14:30:00Z"}""";
    /** Shipment line ids are the shipment's own (L1, L2, … in the order planned). */
    static final String DELIVER_EXAMPLE = """
            {"receivedAt": "2026-12-05T17:10:00Z", "receivedByRole": "shelter coordinator",
             "lines": [
               {"lineId": "L1", "quantityAccepted": 2500},
               {"lineId": "L2", "quantityAccepted": 146, "quantityRejected": 4, "rejectionReason": "DAMAGED"}]}""";

    private final ShipmentCommands commands;
    private final ShipmentRepository shipments;

    public ShipmentController(ShipmentCommands commands, ShipmentRepository shipments) {
        this.commands = commands;
        this.shipments = shipments;
    }

    @PostMapping
    @Operation(summary = "Plan a shipment against the commitment lines of a signed agreement",
            description = "409 agreement-not-active when the agreement is unknown to logistics or not in force; "
                    + "400 invalid-request naming every field at fault at once (e.g. lot and expiryDate of a MEDICINES line); "
                    + "422 wrong-shelter, exceeds-outstanding (unless overDelivery with a reason), expired-lot.")
    @Answers(status = 201, value = "The planned shipment", location = true, etag = true)
    public ResponseEntity<ShipmentView> plan(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(examples =
                    @ExampleObject(name = "plan", summary = "Paracetamol with lot and expiry, hygiene kits", value = PLAN_EXAMPLE)))
            @Valid @RequestBody ShipmentRequests.PlanShipment request) {
        Stored<Shipment> stored = commands.plan(request.toCommand());
        return ResponseEntity.created(URI.create("/api/shipments/" + stored.id())).eTag(stored.etag())
                .body(ShipmentView.of(stored));
    }

    @PostMapping("/{shipmentId}/dispatch")
    @Operation(summary = "Record that a planned shipment left the warehouse")
    @Answers(value = "The dispatched shipment; the ETag is its new version", etag = true)
    public ResponseEntity<ShipmentView> dispatch(@PathVariable String shipmentId,
                                                 @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                 @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                                                         content = @Content(examples = @ExampleObject(name = "dispatch",
                                                                 summary = "Handed to the carrier", value = DISPATCH_EXAMPLE)))
                                                 @Valid @RequestBody ShipmentRequests.DispatchShipment request) {
        return respond(commands.dispatch(shipmentId, ifMatch,
                new Shipment.Dispatch(request.carrier(), request.waybill(), request.dispatchedAt())));
    }

    @PostMapping("/{shipmentId}/deliver")
    @Operation(summary = "Proof of delivery: per line accepted + rejected = shipped, a reason for any rejection",
            description = "Confirmed once: a second confirmation is 409 already-delivered (a repeat with the same "
                    + "Idempotency-Key replays the first response instead). A shelter partner confirms only shipments "
                    + "to its own shelters (403 otherwise).")
    @Answers(value = "The delivered shipment; the ETag is its new version", etag = true)
    public ResponseEntity<ShipmentView> deliver(@PathVariable String shipmentId,
                                                @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                                                        content = @Content(examples = @ExampleObject(name = "deliver",
                                                                summary = "Four kits rejected as damaged", value = DELIVER_EXAMPLE)))
                                                @Valid @RequestBody ShipmentRequests.DeliverShipment request) {
        return respond(commands.deliver(shipmentId, ifMatch, request.toCommand()));
    }

    @PostMapping("/{shipmentId}/cancel")
    @Operation(summary = "Cancel a planned shipment")
    @Answers(value = "The cancelled shipment; the ETag is its new version", etag = true)
    public ResponseEntity<ShipmentView> cancel(@PathVariable String shipmentId,
                                               @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @Valid @RequestBody ShipmentRequests.CancelShipment request) {
        return respond(commands.cancel(shipmentId, ifMatch, request.reason()));
    }

    @GetMapping("/{shipmentId}")
    @Operation(summary = "One shipment", description = "A shelter partner reads only shipments to its own shelters (403 otherwise).")
    @Answers(value = "The shipment", etag = true)
    public ResponseEntity<ShipmentView> get(@PathVariable String shipmentId) {
        Stored<Shipment> stored = shipments.get(shipmentId);
        Caller.current().requireShelter(stored.state().shelterId());
        return respond(stored);
    }

    @GetMapping
    @Operation(summary = "List shipments, newest planned date first",
            description = "followUp=true: dispatched shipments whose agreement stopped (suspended, terminated, expired, completed) in transit. "
                    + "page from 0, size 1 to 500 (default 20). A shelter partner sees only its own shelters' shipments; "
                    + "shelterId naming another shelter is 403.")
    public Page<ShipmentView> list(@RequestParam(required = false) String agreementId,
                                   @RequestParam(required = false) String shelterId,
                                   @RequestParam(required = false) ShipmentStatus status,
                                   @RequestParam(required = false) Boolean followUp,
                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate plannedFrom,
                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate plannedTo,
                                   @RequestParam(defaultValue = "0") int page,
                                   @RequestParam(defaultValue = "20") int size) {
        Caller caller = Caller.current();
        if (shelterId != null) {
            caller.requireShelter(shelterId);
        }
        ShipmentFilter filter = new ShipmentFilter(agreementId, shelterId, status, followUp, plannedFrom, plannedTo,
                caller.isShelterScoped() ? caller.shelters() : null);
        return shipments.search(filter, PageRequest.of(page, size)).map(ShipmentView::of);
    }

    private static ResponseEntity<ShipmentView> respond(Stored<Shipment> stored) {
        return ResponseEntity.ok().eTag(stored.etag()).body(ShipmentView.of(stored));
    }
}
