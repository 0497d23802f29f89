package org.shelters.logistics.shipment;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bson.conversions.Bson;
import org.shelters.platform.outbox.AggregateStore;
import org.shelters.platform.outbox.Stored;
import org.shelters.platform.web.ApiException;
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
 */
@RestController
@RequestMapping("/api/shipments")
@Tag(name = "Shipments", description = "Supplies sent to shelters under signed agreements")
public class ShipmentController {

    private final ShipmentCommands commands;
    private final AggregateStore store;

    public ShipmentController(ShipmentCommands commands, AggregateStore store) {
        this.commands = commands;
        this.store = store;
    }

    @PostMapping
    @Operation(summary = "Plan a shipment against the commitment lines of a signed agreement",
            description = "409 agreement-not-active when the agreement is unknown to logistics or not in force; "
                    + "422 wrong-shelter, exceeds-outstanding (unless overDelivery with a reason), expired-lot.")
    public ResponseEntity<ShipmentView> plan(@Valid @RequestBody ShipmentRequests.PlanShipment request) {
        Stored<Shipment> stored = commands.plan(request.toCommand());
        return ResponseEntity.created(URI.create("/api/shipments/" + stored.id())).eTag(stored.etag())
                .body(ShipmentView.of(stored));
    }

    @PostMapping("/{shipmentId}/dispatch")
    @Operation(summary = "Record that a planned shipment left the warehouse")
    public ResponseEntity<ShipmentView> dispatch(@PathVariable String shipmentId,
                                                 @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                 @Valid @RequestBody ShipmentRequests.DispatchShipment request) {
        return respond(commands.dispatch(shipmentId, ifMatch,
                new Shipment.Dispatch(request.carrier(), request.waybill(), request.dispatchedAt())));
    }

    @PostMapping("/{shipmentId}/deliver")
    @Operation(summary = "Proof of delivery: per line accepted + rejected = shipped, a reason for any rejection",
            description = "Confirmed once: a second confirmation is 409 already-delivered (a repeat with the same "
                    + "Idempotency-Key replays the first response instead).")
    public ResponseEntity<ShipmentView> deliver(@PathVariable String shipmentId,
                                                @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                @Valid @RequestBody ShipmentRequests.DeliverShipment request) {
        return respond(commands.deliver(shipmentId, ifMatch, request.toCommand()));
    }

    @PostMapping("/{shipmentId}/cancel")
    @Operation(summary = "Cancel a planned shipment")
    public ResponseEntity<ShipmentView> cancel(@PathVariable String shipmentId,
                                               @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @Valid @RequestBody ShipmentRequests.CancelShipment request) {
        return respond(commands.cancel(shipmentId, ifMatch, request.reason()));
    }

    @GetMapping("/{shipmentId}")
    public ResponseEntity<ShipmentView> get(@PathVariable String shipmentId) {
        return respond(store.get(ShipmentCommands.COLLECTION, shipmentId, Shipment.class));
    }

    @GetMapping
    @Operation(summary = "List shipments, newest planned date first",
            description = "followUp=true: dispatched shipments whose agreement was suspended or terminated in transit.")
    public ShipmentView.Page list(@RequestParam(required = false) String agreementId,
                                  @RequestParam(required = false) String shelterId,
                                  @RequestParam(required = false) ShipmentStatus status,
                                  @RequestParam(required = false) Boolean followUp,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate plannedFrom,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate plannedTo,
                                  @RequestParam(defaultValue = "0") int page,
                                  @RequestParam(defaultValue = "20") int size) {
        if (page < 0) {
            throw ApiException.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > 200) {
            throw ApiException.invalid("size", "must be between 1 and 200");
        }
        List<Bson> filters = new ArrayList<>();
        if (agreementId != null) {
            filters.add(Filters.eq("state.agreementId", agreementId));
        }
        if (shelterId != null) {
            filters.add(Filters.eq("state.shelterId", shelterId));
        }
        if (status != null) {
            filters.add(Filters.eq("state.status", status.name()));
        }
        if (followUp != null) {
            filters.add(Filters.eq("state.followUp", followUp));
        }
        if (plannedFrom != null) {
            filters.add(Filters.gte("state.plannedDate", plannedFrom));
        }
        if (plannedTo != null) {
            filters.add(Filters.lte("state.plannedDate", plannedTo));
        }
        Bson filter = filters.isEmpty() ? Filters.empty() : Filters.and(filters);
        List<ShipmentView> items = store.list(ShipmentCommands.COLLECTION, filter,
                        Sorts.orderBy(Sorts.descending("state.plannedDate"), Sorts.ascending("_id")), page * size, size,
                        Shipment.class)
                .stream().map(ShipmentView::of).toList();
        return new ShipmentView.Page(items, page, size, store.count(ShipmentCommands.COLLECTION, filter));
    }

    private static ResponseEntity<ShipmentView> respond(Stored<Shipment> stored) {
        return ResponseEntity.ok().eTag(stored.etag()).body(ShipmentView.of(stored));
    }
}
