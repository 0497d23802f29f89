package org.shelters.reporting.export;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.shelters.platform.domain.ProgrammeCalendar;
import org.shelters.reporting.ReportingProperties;
import org.shelters.reporting.access.ReportAccess;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportReader;
import org.shelters.reporting.report.FilterParams;
import org.shelters.reporting.shelters.ShelterDoc;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The IATI 2.03 activity file for the donor, generated live from the projections.
 *
 * <p>Shape: <b>the programme is a parent activity and each agreement (one per shelter) a child
 * activity</b>, linked by {@code related-activity}. The agreements are where the facts differ —
 * each has its own implementing shelter, state, status, dates, budget and amendments, and its own
 * results — so each must be an activity of its own; the parent groups them as the one programme
 * the donor funds, as IATI's hierarchy intends, without repeating their money (budgets and results
 * are on the children only, so nothing is counted twice). What maps to what: {@link IatiActivities}
 * and the service README.
 *
 * <p>Who may read it and what they get is the same as for the CSV exports: a shelter partner's file
 * holds its own shelters' agreements; a donor's results cover a fixed period that has ended
 * ({@code period}, default the last completed month) and counts of people below the donor
 * threshold carry no value but a comment saying they were suppressed. Drafts are left out (they
 * commit nothing yet), as in the 3W. With no agreement to report the answer is 204, since an IATI
 * file must hold at least one activity.
 *
 * <p>The file streams ({@link StreamedFile}): a parent comes before its children and says who
 * they are, so the shelters are read twice in batches of {@code reporting.export.batch-size}:
 * first to gather what the parents say (a few values per agreement), then to write the children
 * with {@link javax.xml.stream.XMLStreamWriter}, flushed after each batch. The first pass also
 * decides the 204 before any byte is sent. A failure after the first byte aborts the transfer.
 */
@RestController
@RequestMapping("/api/reports/exports")
@Tag(name = "exports")
@EnableConfigurationProperties(IatiSettings.class)
public class IatiController {

    static final MediaType IATI_XML = MediaType.parseMediaType("application/xml;charset=UTF-8");

    private final ReportReader reader;
    private final ExportRules rules;
    private final IatiSettings settings;
    private final ShelterBatches batches;

    public IatiController(ReportReader reader, ReportingProperties properties, ProgrammeCalendar calendar,
                          IatiSettings settings, ShelterBatches batches) {
        this.reader = reader;
        this.rules = new ExportRules(properties, calendar);
        this.settings = settings;
        this.batches = batches;
    }

    @GetMapping(value = "/iati-activities.xml", produces = "application/xml")
    @Operation(summary = "IATI 2.03 activity XML: the programme as parent activity, one child activity per agreement",
            responses = {
                    @ApiResponse(responseCode = "200", description = "the IATI activity file, streamed",
                            content = @Content(mediaType = "application/xml", schema = @Schema(type = "string"))),
                    @ApiResponse(responseCode = "204", description = "no agreement to report for these filters")})
    public void activities(FilterParams params, HttpServletResponse response) {
        ReportAccess access = ReportAccess.current();
        ReportFilter filter = rules.filter(params, access);
        SmallCells cells = rules.cells(access);
        try (ReportReader.Pinned pinned = reader.pin()) {
            // every shelter of the scope, not only those passing the filter: generated-datetime is the newest of them all
            ShelterBatches.Reading reading = batches.open(pinned, access.scope(), filter, false);
            Map<String, IatiActivities.Parent> parents = new TreeMap<>();
            Map<String, BitSet> batchesOf = new HashMap<>();
            Instant asOf = null;
            LocalDate today = null;
            for (int i = 0; i < reading.batches(); i++) {
                ShelterBatches.Batch batch = reading.read(i);
                asOf = latest(asOf, batch.snapshot().asOf());
                today = today == null ? batch.snapshot().today() : today;
                for (IatiActivities.Reported r : reported(batch, filter)) {
                    String programme = IatiActivities.programmeOf(r.agreement());
                    parents.computeIfAbsent(programme, k -> new IatiActivities.Parent()).add(r, today);
                    batchesOf.computeIfAbsent(programme, k -> new BitSet()).set(i);
                }
            }
            if (parents.isEmpty()) {
                response.setStatus(HttpStatus.NO_CONTENT.value());
                return;
            }
            IatiActivities file = new IatiActivities(settings, rules.programmeOrganisation());
            Instant generated = asOf;
            LocalDate day = today;
            StreamedFile.send(response, IATI_XML, "iati-activities.xml", out -> file.write(out, generated, day, filter,
                    parents, (programme, sink) -> {
                        BitSet in = batchesOf.get(programme);
                        for (int i = in.nextSetBit(0); i >= 0; i = in.nextSetBit(i + 1)) {
                            ShelterBatches.Batch batch = reading.read(i);
                            for (IatiActivities.Reported r : reported(batch, filter)) {
                                if (IatiActivities.programmeOf(r.agreement()).equals(programme)) {
                                    sink.child(r, batch.snapshot());
                                }
                            }
                            sink.flush();
                        }
                    }, () -> new PublishedCounts(cells, access.donor())));
        }
    }

    /** The batch's agreements in the file (drafts left out), by shelter in row order, then by period. */
    private static List<IatiActivities.Reported> reported(ShelterBatches.Batch batch, ReportFilter filter) {
        List<IatiActivities.Reported> reported = new ArrayList<>();
        for (ShelterDoc shelter : batch.shelters()) {
            for (AgreementDoc a : batch.snapshot().agreementsOf(shelter.id).stream().sorted(ExportRules.byPeriod()).toList()) {
                if (a.inForceOrWas() && filter.matches(a)) {
                    reported.add(new IatiActivities.Reported(a, shelter));
                }
            }
        }
        return reported;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || !b.isAfter(a) ? a : b;
    }
}
