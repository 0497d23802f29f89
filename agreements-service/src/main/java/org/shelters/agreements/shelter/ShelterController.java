package org.shelters.agreements.shelter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalDate;
import org.shelters.events.shelters.Corridor;
import org.shelters.platform.openapi.Answers;
import org.shelters.platform.outbox.Stored;
import org.shelters.platform.query.Page;
import org.shelters.platform.query.PageRequest;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/shelters")
@Tag(name = "Shelters", description = "Registry of migrant shelters and their daily arrivals (aggregate counts only)")
public class ShelterController {

    /** One of the shelters of the programme's press release (an organisation, no person). */
    static final String REGISTER_EXAMPLE = """
            {"name": "Albergue Hermanos en el Camino", "state": "MX-OAX", "municipality": "Ciudad Ixtepec",
             "corridor": "SOUTHERN_BORDER", "capacity": 150,
             "services": ["LODGING", "FOOD", "MEDICAL_CARE", "PSYCHOSOCIAL_SUPPORT"]}""";
    /** Aggregate counts of one day, near the average of 100 a day the press release names. */
    static final String ARRIVALS_EXAMPLE = """
            {"date": "2026-11-30", "arrivals": 104, "women": 26, "men": 47, "girls": 16, "boys": 15,
             "unaccompaniedChildren": 5, "olderPersons": 4, "reportedKidnapOrTraffickingVictims": 2,
             "overnightOccupancy": 131}""";

    private final ShelterService shelters;

    public ShelterController(ShelterService shelters) {
        this.shelters = shelters;
    }

    @PostMapping
    @Operation(summary = "Register a shelter", description = "Publishes ShelterRegistered on shelters.v1. The same name, "
            + "state and municipality as a shelter in the registry (names and municipalities compared without case, "
            + "accents or extra spaces) is refused with 409 shelter-already-registered, naming that shelter")
    @Answers(status = 201, value = "The registered shelter", location = true, etag = true)
    public ResponseEntity<ShelterView> register(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    examples = @ExampleObject(name = "register", summary = "A shelter in Oaxaca", value = REGISTER_EXAMPLE)))
            @RequestBody ShelterProfile profile) {
        Stored<Shelter> stored = shelters.register(profile);
        return ResponseEntity.created(URI.create("/api/shelters/" + stored.id())).eTag(stored.etag())
                .body(ShelterView.of(stored));
    }

    @GetMapping
    @Operation(summary = "List shelters, optionally by state (ISO 3166-2:MX) and corridor; retired ones only when asked")
    public Page<ShelterView> list(@RequestParam(required = false) String state,
                                  @RequestParam(required = false) Corridor corridor,
                                  @Parameter(description = "also list retired shelters")
                                  @RequestParam(defaultValue = "false") boolean includeRetired,
                                  @RequestParam(defaultValue = "0") int page,
                                  @RequestParam(defaultValue = "20") int size) {
        return shelters.list(state, corridor, includeRetired, PageRequest.of(page, size));
    }

    @GetMapping("/{shelterId}")
    @Operation(summary = "One shelter; the ETag is its version")
    @Answers(value = "The shelter", etag = true)
    public ResponseEntity<ShelterView> get(@PathVariable String shelterId) {
        Stored<Shelter> stored = shelters.get(shelterId);
        return ResponseEntity.ok().eTag(stored.etag()).body(ShelterView.of(stored));
    }

    @PutMapping("/{shelterId}")
    @Operation(summary = "Replace the shelter's profile", description = "If-Match guards against lost updates; publishes ShelterProfileUpdated")
    @Answers(value = "The shelter with its new profile", etag = true)
    public ResponseEntity<ShelterView> updateProfile(@PathVariable String shelterId,
                                                     @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                     @RequestBody ShelterProfile profile) {
        Stored<Shelter> stored = shelters.updateProfile(shelterId, ifMatch, profile);
        return ResponseEntity.ok().eTag(stored.etag()).body(ShelterView.of(stored));
    }

    @PostMapping("/{shelterId}/retire")
    @Operation(summary = "Retire a shelter registered by mistake", description = "If-Match guards against lost updates. "
            + "Publishes ShelterRetired (retiredOn = today in the programme calendar); reports leave the shelter out. "
            + "The shelter stays readable (retired: true) and takes no further command; its name is free for the "
            + "correct registration",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The retired shelter; the ETag is its new version"),
                    @ApiResponse(responseCode = "400", description = "invalid-request: reason missing, blank or over 500 characters",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "404", description = "not-found: no such shelter",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "409", description = "shelter-retired: retired already; version-conflict: "
                            + "If-Match is not the current version", content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "422", description = "shelter-has-agreements-in-force: a signed or suspended "
                            + "agreement, named in the detail, must end first",
                            content = @Content(mediaType = "application/problem+json"))})
    @Answers(value = "The retired shelter; the ETag is its new version", etag = true)
    public ResponseEntity<ShelterView> retire(@PathVariable String shelterId,
                                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @RequestBody RetireShelter command) {
        Stored<Shelter> stored = shelters.retire(shelterId, ifMatch, command);
        return ResponseEntity.ok().eTag(stored.etag()).body(ShelterView.of(stored));
    }

    @PostMapping("/{shelterId}/arrivals")
    @Operation(summary = "Report a day's arrivals", description = "Aggregate counts only. Re-reporting a date is a correction "
            + "(next revision replaces the earlier figures). Publishes ShelterArrivalsReported")
    @Answers(status = 201, value = "The report's revision: 1 for a first report, higher for a correction")
    public ResponseEntity<ArrivalsRecorded> reportArrivals(
            @PathVariable String shelterId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    examples = @ExampleObject(name = "arrivals", summary = "One day's counts", value = ARRIVALS_EXAMPLE)))
            @RequestBody ArrivalsReport report) {
        return ResponseEntity.status(HttpStatus.CREATED).body(shelters.reportArrivals(shelterId, report));
    }

    @GetMapping("/{shelterId}/arrivals")
    @Operation(summary = "Read back the arrivals a shelter reported, per day",
            description = "Each reported day from `from` to `to` (inclusive, default the last 30 days to today in the "
                    + "programme calendar) with its latest correction: the figures, the revision, how many corrections, "
                    + "and when it was recorded. At most " + ShelterService.MAX_READ_BACK_DAYS + " days per call "
                    + "(400 naming from otherwise). A shelter partner reads only its own shelters (403 otherwise). "
                    + "Eventually consistent: the read-back is built from the ShelterArrivalsReported events and follows a "
                    + "report within a fraction of a second. Days whose latest accepted report is not in it yet are listed in "
                    + "`pending` (`complete` is false): a client that has just reported reads again.")
    @Answers("The reported days of the range, oldest first")
    public ArrivalsReadBack arrivals(@PathVariable String shelterId,
                                     @Parameter(description = "first day, YYYY-MM-DD", example = "2026-11-01")
                                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                     @Parameter(description = "last day, YYYY-MM-DD", example = "2026-11-30")
                                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return shelters.arrivals(shelterId, from, to);
    }
}
