package org.shelters.logistics.shipment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.shelters.logistics.agreement.AgreementReplica;
import org.shelters.logistics.agreement.AgreementReplicas;
import org.shelters.logistics.agreement.AgreementStatus;
import org.shelters.platform.domain.Refusal;
import org.shelters.platform.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** What each commitment line of an agreement still has to receive, as logistics sees it. */
@RestController
@Tag(name = "Outstanding", description = "Logistics' view of an agreement's commitment lines")
public class OutstandingController {

    public record AgreementOutstanding(String agreementId, String shelterId, AgreementStatus status, long sequence,
                                       List<LineBalance> lines) {
    }

    private final AgreementReplicas agreements;
    private final ShipmentRepository shipments;

    public OutstandingController(AgreementReplicas agreements, ShipmentRepository shipments) {
        this.agreements = agreements;
        this.shipments = shipments;
    }

    @GetMapping("/api/agreements/{agreementId}/outstanding")
    @Operation(summary = "Per commitment line: committed, planned, in transit, accepted, rejected and outstanding",
            description = "planned: on shipments not dispatched yet; inTransit: dispatched, not delivered yet; "
                    + "outstanding = committed - accepted - planned - inTransit, never below 0 (rejected quantities are "
                    + "outstanding again). 404 while logistics has not yet received any event of the agreement. "
                    + "A shelter partner reads only agreements of its own shelters (403 otherwise).")
    public AgreementOutstanding outstanding(@PathVariable String agreementId) {
        AgreementReplica agreement = agreements.find(agreementId)
                .orElseThrow(() -> Refusal.notFound("agreement", agreementId));
        // per object: the path names an agreement, only the replica knows whose shelter it is
        Caller.current().requireShelter(agreement.shelterId());
        OutstandingQuantities quantities = OutstandingQuantities.of(agreement, shipments.ofAgreement(agreementId));
        return new AgreementOutstanding(agreementId, agreement.shelterId(), agreement.status(), agreement.sequence(),
                quantities.lines());
    }
}
