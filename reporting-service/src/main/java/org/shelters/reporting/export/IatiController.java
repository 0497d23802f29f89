package org.shelters.reporting.export;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.shelters.platform.domain.ProgrammeCalendar;
import org.shelters.reporting.ReportingProperties;
import org.shelters.reporting.access.ReportAccess;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportReader;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.report.FilterParams;
import org.shelters.reporting.shelters.ShelterDoc;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
 * <p>The file is written with {@link javax.xml.stream.XMLStreamWriter} into a buffer and sent
 * whole: a failure half-way is a problem answer, never a truncated file.
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

    public IatiController(ReportReader reader, ReportingProperties properties, ProgrammeCalendar calendar,
                          IatiSettings settings) {
        this.reader = reader;
        this.rules = new ExportRules(properties, calendar);
        this.settings = settings;
    }

    @GetMapping(value = "/iati-activities.xml", produces = "application/xml")
    @Operation(summary = "IATI 2.03 activity XML: the programme as parent activity, one child activity per agreement",
            responses = {
                    @ApiResponse(responseCode = "200", description = "the IATI activity file"),
                    @ApiResponse(responseCode = "204", description = "no agreement to report for these filters")})
    public ResponseEntity<byte[]> activities(FilterParams params) {
        ReportAccess access = ReportAccess.current();
        ReportFilter filter = rules.filter(params, access);
        ReportSnapshot snapshot = reader.snapshot(access.scope());
        SmallCells cells = rules.cells(access);
        List<IatiActivities.Reported> reported = new ArrayList<>();
        for (ShelterDoc shelter : snapshot.sheltersMatching(filter).stream().sorted(ExportRules.byPlace()).toList()) {
            for (AgreementDoc a : snapshot.agreementsOf(shelter.id).stream().sorted(ExportRules.byPeriod()).toList()) {
                if (a.inForceOrWas() && filter.matches(a)) {
                    reported.add(new IatiActivities.Reported(a, shelter));
                }
            }
        }
        if (reported.isEmpty()) {
            return ResponseEntity.noContent().build();
        }
        byte[] file = new IatiActivities(settings, rules.programmeOrganisation())
                .write(snapshot, filter, reported, () -> new PublishedCounts(cells, access.donor()));
        return ResponseEntity.ok().contentType(IATI_XML)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"iati-activities.xml\"")
                .body(file);
    }
}
