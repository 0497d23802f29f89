package org.shelters.reporting.audit;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.shelters.platform.domain.Refusal;
import org.shelters.platform.query.Page;
import org.shelters.platform.query.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who did what to an agreement or a shipment, from its events, oldest first: for operations and
 * admins (the service's access rules). 404 for an id no event ever named.
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "audit", description = "Who did what to an agreement or shipment, from the events")
public class AuditController {

    /** One aggregate's page of entries: the platform's page fields at the top level. */
    public record AuditPage(String aggregate, String aggregateId, @JsonUnwrapped Page<AuditEntry> page) {
    }

    private static final String DEFAULT_SIZE = "" + PageRequest.DEFAULT_SIZE;

    private final AuditTrail trail;

    public AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/agreements/{agreementId}")
    @Operation(summary = "The events of one agreement, oldest first: type, time, actor id and role, correlation")
    public AuditPage agreement(@PathVariable String agreementId, @RequestParam(defaultValue = "0") int page,
                               @RequestParam(defaultValue = DEFAULT_SIZE) int size) {
        return page(AuditEntry.AGREEMENT, "Agreement", agreementId, page, size);
    }

    @GetMapping("/shipments/{shipmentId}")
    @Operation(summary = "The events of one shipment, oldest first: type, time, actor id and role, correlation")
    public AuditPage shipment(@PathVariable String shipmentId, @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = DEFAULT_SIZE) int size) {
        return page(AuditEntry.SHIPMENT, "Shipment", shipmentId, page, size);
    }

    private AuditPage page(String aggregate, String what, String id, int page, int size) {
        Page<AuditEntry> entries = trail.page(aggregate, id, PageRequest.of(page, size));
        if (entries.total() == 0) {
            throw Refusal.notFound(what, id);
        }
        return new AuditPage(aggregate, id, entries);
    }
}
