package org.shelters.reporting.export;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.shelters.events.shelters.MexicanStates;
import org.shelters.platform.domain.ProgrammeCalendar;
import org.shelters.platform.domain.Violations;
import org.shelters.reporting.ReportingProperties;
import org.shelters.reporting.access.ReportAccess;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.agreements.AgreementFulfilment;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportReader;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.report.FilterParams;
import org.shelters.reporting.shelters.DailyArrivals;
import org.shelters.reporting.shelters.ShelterDoc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * CSV exports for sharing; vulnerable-group counts go through small-cell suppression for every
 * reader (left blank). A shelter partner's exports hold its own shelters only (the snapshot is
 * scoped in the store's query). A donor's cover a fixed period that has ended ({@code period},
 * default: the last completed month; {@code from}/{@code to} are refused) and suppress every count
 * of people below {@code reporting.donor.small-cell-threshold} (and the export threshold), marked
 * {@code <5}.
 */
@RestController
@RequestMapping("/api/reports/exports")
@Tag(name = "exports", description = "CSV exports, including a 3W export with the HXL hashtag row")
public class ExportController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    static final List<String> THREE_W_HEADERS = List.of("Date reported", "Implementing agency", "Shelter", "Shelter code",
            "Donor", "Programme", "Agreement", "Activity", "Status", "Start date", "End date", "Country", "State",
            "State code", "Municipality", "Capacity", "People received", "Women and girls", "Men and boys", "Children",
            "Unaccompanied children", "Older persons", "Budget", "Currency", "Fulfilment percent", "Source");
    static final List<String> THREE_W_HXL = List.of("#date+reported", "#org+prog+name", "#org+impl+name", "#org+impl+code",
            "#org+funder+name", "#activity+code", "#activity+id", "#activity+name", "#status", "#date+start", "#date+end",
            "#country+code", "#adm1+name", "#adm1+code", "#adm2+name", "#capacity", "#reached+ind", "#reached+f",
            "#reached+m", "#reached+children", "#reached+children+unaccompanied", "#reached+elderly", "#value+budget",
            "#currency", "#x_fulfilment+pct", "#meta+source");

    private final ReportReader reader;
    private final ReportingProperties properties;
    private final ProgrammeCalendar calendar;

    public ExportController(ReportReader reader, ReportingProperties properties, ProgrammeCalendar calendar) {
        this.reader = reader;
        this.properties = properties;
        this.calendar = calendar;
    }

    @GetMapping(value = "/3w.csv", produces = "text/csv")
    @Operation(summary = "Who does what where: one row per agreement, HXL hashtag row under the header")
    public ResponseEntity<String> threeW(FilterParams params) {
        ReportAccess access = ReportAccess.current();
        ReportFilter filter = filter(params, access);
        ReportSnapshot snapshot = reader.snapshot(access.scope());
        SmallCells cells = cells(access);
        LocalDate reported = filter.to() != null ? filter.to() : snapshot.today();
        Csv csv = new Csv().row(THREE_W_HEADERS).row(THREE_W_HXL);
        for (ShelterDoc shelter : snapshot.sheltersMatching(filter)) {
            for (AgreementDoc a : snapshot.agreementsOf(shelter.id)) {
                if (!a.inForceOrWas() || !filter.matches(a)) {
                    continue;
                }
                LocalDate from = later(a.periodStart, filter.from());
                LocalDate to = earlier(a.periodEnd, filter.to());
                Reached r = Reached.of(shelter, from, to);
                List<Object> bySex = cells.complementCells(r.womenAndGirls(), r.menAndBoys());
                csv.row(Arrays.asList(reported, properties.export().implementingAgency(), shelter.name, shelter.id,
                        a.donor, a.programmeCode, a.id, "Shelter support: supplies and training", a.status,
                        a.periodStart, a.periodEnd, "MEX", MexicanStates.name(shelter.state).orElse(null), shelter.state, shelter.municipality,
                        shelter.capacity, people(access, cells, r.total()), bySex.get(0), bySex.get(1),
                        cells.cell(r.children()), cells.cell(r.unaccompaniedChildren()), cells.cell(r.olderPersons()),
                        a.budget, a.currency,
                        AgreementFulfilment.view(a, snapshot).fulfilmentPercent(), "reporting-service"));
            }
        }
        return csv(csv, "3w.csv");
    }

    @GetMapping(value = "/shelters.csv", produces = "text/csv")
    @Operation(summary = "Arrivals per shelter over the date range (default: all), with suppressed small cells")
    public ResponseEntity<String> shelters(FilterParams params) {
        ReportAccess access = ReportAccess.current();
        ReportFilter filter = filter(params, access);
        ReportSnapshot snapshot = reader.snapshot(access.scope());
        SmallCells cells = cells(access);
        // the people counts say the days they cover: the filter's, else the shelter's first report to today
        Csv csv = new Csv().row(List.of("Shelter code", "Shelter", "State code", "Corridor", "Capacity", "Period start",
                        "Period end", "People received", "Women and girls", "Men and boys", "Children",
                        "Unaccompanied children", "Older persons", "Reported kidnap or trafficking victims"))
                .row(List.of("#org+impl+code", "#org+impl+name", "#adm1+code", "#x_corridor", "#capacity", "#date+start",
                        "#date+end", "#reached+ind", "#reached+f", "#reached+m", "#reached+children",
                        "#reached+children+unaccompanied", "#reached+elderly", "#reached+victims"));
        for (ShelterDoc shelter : snapshot.sheltersMatching(filter)) {
            Reached r = Reached.of(shelter, filter.from(), filter.to());
            List<Object> bySex = cells.complementCells(r.womenAndGirls(), r.menAndBoys());
            LocalDate from = filter.from() != null ? filter.from()
                    : shelter.arrivals.isEmpty() ? null : LocalDate.parse(shelter.arrivals.firstKey());
            LocalDate to = filter.to() != null ? filter.to() : snapshot.today();
            csv.row(Arrays.asList(shelter.id, shelter.name, shelter.state, shelter.corridor, shelter.capacity, from, to,
                    people(access, cells, r.total()), bySex.get(0), bySex.get(1), cells.cell(r.children()),
                    cells.cell(r.unaccompaniedChildren()), cells.cell(r.olderPersons()), cells.cell(r.victims())));
        }
        return csv(csv, "shelters.csv");
    }

    /** As the caller may ask: a donor by fixed periods that have ended only. */
    private ReportFilter filter(FilterParams params, ReportAccess access) {
        Violations violations = new Violations();
        ReportFilter filter = params.toFilter(calendar.zone(), violations, access.donor() ? calendar.today() : null);
        violations.throwIfAny();
        return filter;
    }

    /** Blank suppressed cells for programme readers; for a donor the stricter threshold of the two, marked. */
    private SmallCells cells(ReportAccess access) {
        int shared = properties.export().smallCellThreshold();
        return access.donor() ? SmallCells.marked(Math.max(shared, properties.donor().smallCellThreshold()))
                : new SmallCells(shared);
    }

    /** The total of people: published as it is to programme readers, suppressed when small for a donor. */
    private static Object people(ReportAccess access, SmallCells cells, long total) {
        return access.donor() ? cells.cell(total) : total;
    }

    /**
     * People a shelter received over [from, to] (null: open), by the groups the exports publish; in
     * longs, since each day's counts fit an int but their sum (and women + girls of one day) need not.
     */
    record Reached(long total, long womenAndGirls, long menAndBoys, long children, long unaccompaniedChildren,
                   long olderPersons, long victims) {

        static Reached of(ShelterDoc shelter, LocalDate from, LocalDate to) {
            long[] r = new long[7];
            for (var e : shelter.arrivals.entrySet()) {
                LocalDate date = LocalDate.parse(e.getKey());
                if ((from != null && date.isBefore(from)) || (to != null && date.isAfter(to))) {
                    continue;
                }
                DailyArrivals d = e.getValue();
                r[0] += d.arrivals;
                r[1] += (long) d.women + d.girls;
                r[2] += (long) d.men + d.boys;
                r[3] += (long) d.girls + d.boys;
                r[4] += d.unaccompaniedChildren;
                r[5] += d.olderPersons;
                r[6] += d.reportedKidnapOrTraffickingVictims;
            }
            return new Reached(r[0], r[1], r[2], r[3], r[4], r[5], r[6]);
        }
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static ResponseEntity<String> csv(Csv csv, String filename) {
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
                .body(csv.toString());
    }
}
