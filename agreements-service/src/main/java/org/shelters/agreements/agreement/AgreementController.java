package org.shelters.agreements.agreement;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.shelters.agreements.agreement.Commands.AmendAgreement;
import org.shelters.agreements.agreement.Commands.DraftAgreement;
import org.shelters.agreements.agreement.Commands.GiveReason;
import org.shelters.agreements.agreement.Commands.RecordTraining;
import org.shelters.agreements.agreement.Commands.SignAgreement;
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

    private final AgreementService agreements;

    public AgreementController(AgreementService agreements) {
        this.agreements = agreements;
    }

    @PostMapping
    @Operation(summary = "Draft an agreement with a registered shelter", description = "Publishes AgreementDrafted")
    public ResponseEntity<AgreementView> draft(@RequestBody DraftAgreement command) {
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
    public ResponseEntity<AgreementView> get(@PathVariable String agreementId) {
        return view(agreements.get(agreementId), HttpStatus.OK);
    }

    @PostMapping("/{agreementId}/sign")
    @Operation(summary = "Sign a draft", description = "Needs a commitment or planned training, a period not ended, a registered "
            + "shelter, and no other signed agreement for the same shelter, programme and phase. Publishes AgreementSigned")
    public ResponseEntity<AgreementView> sign(@PathVariable String agreementId, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @RequestBody(required = false) SignAgreement command) {
        return view(agreements.sign(agreementId, ifMatch, command == null ? SignAgreement.TODAY : command), HttpStatus.OK);
    }

    @PostMapping("/{agreementId}/amend")
    @Operation(summary = "Amend a signed agreement (commitments, budget, period)", description = "Numbered; publishes AgreementAmended with the full new terms")
    public ResponseEntity<AgreementView> amend(@PathVariable String agreementId, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @RequestBody AmendAgreement command) {
        return view(agreements.amend(agreementId, ifMatch, command), HttpStatus.OK);
    }

    @PostMapping("/{agreementId}/suspend")
    @Operation(summary = "Suspend a signed agreement", description = "Publishes AgreementSuspended")
    public ResponseEntity<AgreementView> suspend(@PathVariable String agreementId, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                 @RequestBody GiveReason command) {
        return view(agreements.suspend(agreementId, ifMatch, command.reason()), HttpStatus.OK);
    }

    @PostMapping("/{agreementId}/resume")
    @Operation(summary = "Resume a suspended agreement", description = "Publishes AgreementResumed")
    public ResponseEntity<AgreementView> resume(@PathVariable String agreementId, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return view(agreements.resume(agreementId, ifMatch), HttpStatus.OK);
    }

    @PostMapping("/{agreementId}/terminate")
    @Operation(summary = "Terminate a signed or suspended agreement early", description = "Publishes AgreementTerminated")
    public ResponseEntity<AgreementView> terminate(@PathVariable String agreementId, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                   @RequestBody GiveReason command) {
        return view(agreements.terminate(agreementId, ifMatch, command.reason()), HttpStatus.OK);
    }

    @PostMapping("/{agreementId}/complete")
    @Operation(summary = "Mark a signed agreement completed", description = "Publishes AgreementCompleted")
    public ResponseEntity<AgreementView> complete(@PathVariable String agreementId, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return view(agreements.complete(agreementId, ifMatch), HttpStatus.OK);
    }

    @PostMapping("/{agreementId}/trainings")
    @Operation(summary = "Record a training session delivered under a signed agreement", description = "Publishes TrainingSessionDelivered")
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
