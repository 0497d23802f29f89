package org.shelters.agreements.agreement;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.shelters.agreements.agreement.Commands.AmendAgreement;
import org.shelters.agreements.agreement.Commands.DraftAgreement;
import org.shelters.agreements.agreement.Commands.GiveReason;
import org.shelters.agreements.agreement.Commands.RecordTraining;
import org.shelters.agreements.agreement.Commands.SignAgreement;
import org.shelters.platform.openapi.Answers;
import org.shelters.platform.outbox.Stored;
import org.shelters.platform.query.Page;
import org.shelters.platform.query.PageRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/agreements")
@Tag(name = "Agreements", description = "Cooperation agreements with shelters: lifecycle, amendments, trainings delivered")
public class AgreementController {

    /** The programme of the press release: PRM funds medicines, hygiene kits, a safe space and training. */
    static final String DRAFT_EXAMPLE = """
            {"shelterId": "0b9c6a1e-5c1f-4f5e-9a57-3e2d1c0b4a10", "programmeCode": "PRM-MX-2026", "donor": "PRM",
             "phase": "phase-2", "year": 2026, "period": {"start": "2026-03-01", "end": "2027-02-28"},
             "budget": {"amount": 85000, "currency": "USD"},
             "commitments": [
               {"category": "MEDICINES", "itemCode": "PARACETAMOL-500MG", "description": "Paracetamol 500 mg tablets",
                "quantity": 5000, "unit": "tablet"},
               {"category": "HYGIENE_PRODUCTS", "itemCode": "HYGIENE-KIT-FAMILY", "quantity": 300, "unit": "kit"}],
             "plannedTrainings": [{"topic": "MIGRANT_RIGHTS", "participants": 12}],
             "constructionWorks": [{"kind": "SPACE_FOR_WOMEN_AND_CHILDREN", "description": "safe space for women and children"}]}""";
    static final String SIGN_EXAMPLE = """
            {"signedOn": "2026-03-02"}""";

    private final AgreementService agreements;

    public AgreementController(AgreementService agreements) {
        this.agreements = agreements;
    }

    @PostMapping
    @Operation(summary = "Draft an agreement with a registered shelter", description = "Publishes AgreementDrafted")
    @Answers(status = 201, value = "The draft", location = true, etag = true)
    public ResponseEntity<AgreementView> draft(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    examples = @ExampleObject(name = "draft", summary = "Medicines, hygiene kits, a safe space, training",
                            value = DRAFT_EXAMPLE)))
            @RequestBody DraftAgreement command) {
        Stored<Agreement> stored = agreements.draft(command);
        return ResponseEntity.created(URI.create("/api/agreements/" + stored.id())).eTag(stored.etag())
                .body(AgreementView.of(stored));
    }

    @GetMapping
    @Operation(summary = "List agreements by shelter, state (ISO 3166-2:MX of the shelter), status or programme")
    public Page<AgreementView> list(@RequestParam(required = false) String shelterId,
                                    @RequestParam(required = false) String state,
                                    @RequestParam(required = false) AgreementStatus status,
                                    @RequestParam(required = false) String programmeCode,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "20") int size) {
        return agreements.list(shelterId, state, status, programmeCode, PageRequest.of(page, size));
    }

    @GetMapping("/{agreementId}")
    @Operation(summary = "One agreement with its budget history, amendments and trainings; the ETag is its version")
    @Answers(value = "The agreement", etag = true)
    public ResponseEntity<AgreementView> get(@PathVariable String agreementId) {
        return view(agreements.get(agreementId), HttpStatus.OK);
    }

    @PostMapping("/{agreementId}/sign")
    @Operation(summary = "Sign a draft", description = "Needs a commitment or planned training, a period not ended, a registered "
            + "shelter, and no other signed agreement for the same shelter, programme and phase. Publishes AgreementSigned")
    @Answers(value = "The agreement now; the ETag is its new version", etag = true)
    public ResponseEntity<AgreementView> sign(@PathVariable String agreementId, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                                                      examples = @ExampleObject(name = "sign", summary = "Signed on a given day",
                                                              value = SIGN_EXAMPLE)))
                                              @RequestBody(required = false) SignAgreement command) {
        return view(agreements.sign(agreementId, ifMatch, command == null ? SignAgreement.TODAY : command), HttpStatus.OK);
    }

    @PostMapping("/{agreementId}/amend")
    @Operation(summary = "Amend a signed agreement (commitments, budget, period)", description = "Numbered; publishes AgreementAmended with the full new terms")
    @Answers(value = "The agreement now; the ETag is its new version", etag = true)
    public ResponseEntity<AgreementView> amend(@PathVariable String agreementId, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @RequestBody AmendAgreement command) {
        return view(agreements.amend(agreementId, ifMatch, command), HttpStatus.OK);
    }

    @PostMapping("/{agreementId}/suspend")
    @Operation(summary = "Suspend a signed agreement", description = "Publishes AgreementSuspended")
    @Answers(value = "The agreement now; the ETag is its new version", etag = true)
    public ResponseEntity<AgreementView> suspend(@PathVariable String agreementId, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                 @RequestBody GiveReason command) {
        return view(agreements.suspend(agreementId, ifMatch, command.reason()), HttpStatus.OK);
    }

    @PostMapping("/{agreementId}/resume")
    @Operation(summary = "Resume a suspended agreement", description = "Publishes AgreementResumed")
    @Answers(value = "The agreement now; the ETag is its new version", etag = true)
    public ResponseEntity<AgreementView> resume(@PathVariable String agreementId, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return view(agreements.resume(agreementId, ifMatch), HttpStatus.OK);
    }

    @PostMapping("/{agreementId}/terminate")
    @Operation(summary = "Terminate a signed or suspended agreement early", description = "Publishes AgreementTerminated")
    @Answers(value = "The agreement now; the ETag is its new version", etag = true)
    public ResponseEntity<AgreementView> terminate(@PathVariable String agreementId, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                   @RequestBody GiveReason command) {
        return view(agreements.terminate(agreementId, ifMatch, command.reason()), HttpStatus.OK);
    }

    @PostMapping("/{agreementId}/complete")
    @Operation(summary = "Mark a signed agreement completed", description = "Publishes AgreementCompleted")
    @Answers(value = "The agreement now; the ETag is its new version", etag = true)
    public ResponseEntity<AgreementView> complete(@PathVariable String agreementId, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return view(agreements.complete(agreementId, ifMatch), HttpStatus.OK);
    }

    @PostMapping("/{agreementId}/trainings")
    @Operation(summary = "Record a training session delivered under a signed agreement", description = "Publishes TrainingSessionDelivered")
    @Answers(status = 201, value = "The session recorded; the ETag is the agreement's new version", etag = true)
    public ResponseEntity<TrainingSession> recordTraining(@PathVariable String agreementId,
                                                          @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                          @RequestBody RecordTraining command) {
        Stored<Agreement> stored = agreements.recordTraining(agreementId, ifMatch, command);
        var sessions = stored.state().trainingsDelivered();
        return ResponseEntity.status(HttpStatus.CREATED).eTag(stored.etag()).body(sessions.get(sessions.size() - 1));
    }

    private static ResponseEntity<AgreementView> view(Stored<Agreement> stored, HttpStatus status) {
        return ResponseEntity.status(status).eTag(stored.etag()).body(AgreementView.of(stored));
    }
}
