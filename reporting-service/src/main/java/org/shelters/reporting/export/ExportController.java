package org.shelters.reporting.export;

import static org.shelters.reporting.export.ExportRules.earlier;
import static org.shelters.reporting.export.ExportRules.later;
import static org.shelters.reporting.export.ExportRules.stateName;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.shelters.platform.domain.ProgrammeCalendar;
import org.shelters.reporting.ReportingProperties;
import org.shelters.reporting.access.ReportAccess;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.agreements.AgreementFulfilment;
import org.shelters.reporting.export.ExportRules.Reached;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportReader;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.report.FilterParams;
import org.shelters.reporting.shelters.ShelterDoc;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * CSV exports for sharing, in UTF-8 with a byte order mark (so a spreadsheet opens "Jesús",
 * "Potosí", "Juárez" as written; {@code bom=false} leaves it out for machine clients), an HXL
 * hashtag row under the header, rows by state, municipality and shelter name in Spanish order.
 * Vulnerable-group counts go through small-cell suppression for every reader: left empty, and the
 * row's {@code #x_suppressed} cell names the columns left empty that way. A shelter partner's
 * exports hold its own shelters only (every batch is scoped in the store's query). A donor's
 * cover a fixed period that has ended ({@code period}, default: the last completed month;
 * {@code from}/{@code to} are refused) and suppress every count of people below
 * {@code reporting.donor.small-cell-threshold} (and the export threshold), totals included.
 *
 * <p>Both stream: the shelters' order is read first (ids and ordering keys only), then the
 * shelters are read {@code reporting.export.batch-size} at a time and each batch's rows are
 * written and flushed before the next is read ({@link ShelterBatches}, {@link StreamedFile}), so a
 * request holds one batch of documents, not the programme.
 */
@RestController
@RequestMapping("/api/reports/exports")
@Tag(name = "exports", description = "CSV exports with the HXL hashtag row (3W, shelters) and the IATI 2.03 activity file")
public class ExportController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    static final String BOM = "\uFEFF";

    static final String REACHED = "#reached+ind";
    static final String REACHED_F = "#reached+f";
    static final String REACHED_M = "#reached+m";
    static final String CHILDREN = "#reached+children";
    static final String UNACCOMPANIED = "#x_unaccompanied+children";
    static final String ELDERLY = "#reached+elderly";
    static final String VICTIMS = "#x_victims+ind";
    static final String SUPPRESSED = "#x_suppressed";

    /** Header and HXL hashtag of each 3W column, in order (the README lists what each means). */
    static final List<List<String>> THREE_W_COLUMNS = List.of(
            List.of("Date reported", "#date+reported"),
            List.of("Programme organisation", "#org+prog+name"),
            List.of("Shelter", "#org+impl+name"),
            List.of("Shelter code", "#org+impl+code"),
            List.of("Donor", "#org+funder+name"),
            List.of("Programme", "#x_programme+code"),
            List.of("Agreement", "#activity+code"),
            List.of("Activity", "#activity+name"),
            List.of("Status", "#status"),
            List.of("Start date", "#date+start"),
            List.of("End date", "#date+end"),
            List.of("Country", "#country+code"),
            List.of("State", "#adm1+name"),
            List.of("State code", "#adm1+code"),
            List.of("Municipality", "#adm2+name"),
            List.of("Capacity", "#capacity"),
            List.of("People received", REACHED),
            List.of("Women and girls", REACHED_F),
            List.of("Men and boys", REACHED_M),
            List.of("Children", CHILDREN),
            List.of("Unaccompanied children", UNACCOMPANIED),
            List.of("Older persons", ELDERLY),
            List.of("Budget", "#value+budget"),
            List.of("Currency", "#currency"),
            List.of("Fulfilment percent", "#x_fulfilment_pct"),
            List.of("Suppressed small counts", SUPPRESSED),
            List.of("Source", "#meta+source"));

    static final List<List<String>> SHELTER_COLUMNS = List.of(
            List.of("Shelter code", "#org+impl+code"),
            List.of("Shelter", "#org+impl+name"),
            List.of("State code", "#adm1+code"),
            List.of("State", "#adm1+name"),
            List.of("Municipality", "#adm2+name"),
            List.of("Corridor", "#x_corridor"),
            List.of("Capacity", "#capacity"),
            List.of("Period start", "#date+start"),
            List.of("Period end", "#date+end"),
            List.of("People received", REACHED),
            List.of("Women and girls", REACHED_F),
            List.of("Men and boys", REACHED_M),
            List.of("Children", CHILDREN),
            List.of("Unaccompanied children", UNACCOMPANIED),
            List.of("Older persons", ELDERLY),
            List.of("Reported kidnap or trafficking victims", VICTIMS),
            List.of("Suppressed small counts", SUPPRESSED));

    private static final String BOM_DOC = "true (default): the file starts with a UTF-8 byte order mark, so spreadsheets "
            + "read accents right; false: no mark, for machine clients";

    private final ReportReader reader;
    private final ExportRules rules;
    private final ShelterBatches batches;

    public ExportController(ReportReader reader, ReportingProperties properties, ProgrammeCalendar calendar,
                            ShelterBatches batches) {
        this.reader = reader;
        this.rules = new ExportRules(properties, calendar);
        this.batches = batches;
    }

    @GetMapping(value = "/3w.csv", produces = "text/csv")
    @Operation(summary = "Who does what where: one row per agreement, HXL hashtag row under the header")
    @ApiResponse(responseCode = "200", description = "the 3W file, streamed",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    public void threeW(FilterParams params,
                       @Parameter(description = BOM_DOC) @RequestParam(defaultValue = "true") boolean bom,
                       HttpServletResponse response) {
        ReportAccess access = ReportAccess.current();
        ReportFilter filter = rules.filter(params, access);
        SmallCells cells = rules.cells(access);
        try (ReportReader.Pinned pinned = reader.pin()) {
            ShelterBatches.Reading reading = batches.open(pinned, access.scope(), filter, true);
            csv(response, "3w.csv", bom, THREE_W_COLUMNS, reading, (csv, batch) -> {
                ReportSnapshot snapshot = batch.snapshot();
                LocalDate reported = filter.to() != null ? filter.to() : snapshot.today();
                for (ShelterDoc shelter : batch.shelters()) {
                    for (AgreementDoc a : snapshot.agreementsOf(shelter.id).stream().sorted(ExportRules.byPeriod()).toList()) {
                        if (!a.inForceOrWas() || !filter.matches(a)) {
                            continue;
                        }
                        Reached r = Reached.of(shelter, later(a.periodStart, filter.from()), earlier(a.periodEnd, filter.to()));
                        PublishedCounts counts = new PublishedCounts(cells, access.donor());
                        Long total = counts.total(REACHED, r.total());
                        List<Long> bySex = counts.complements(REACHED_F, REACHED_M, r.womenAndGirls(), r.menAndBoys());
                        csv.row(Arrays.asList(reported, rules.programmeOrganisation(), shelter.name, shelter.id,
                                a.donor, a.programmeCode, a.id, "Shelter support: supplies and training", a.status,
                                a.periodStart, a.periodEnd, "MEX", stateName(shelter.state), shelter.state,
                                shelter.municipality, shelter.capacity, total, bySex.get(0), bySex.get(1),
                                counts.group(CHILDREN, r.children()), counts.group(UNACCOMPANIED, r.unaccompaniedChildren()),
                                counts.group(ELDERLY, r.olderPersons()), a.budget, a.currency,
                                AgreementFulfilment.view(a, snapshot).fulfilmentPercent(), counts.suppressed(),
                                "reporting-service"));
                    }
                }
            });
        }
    }

    @GetMapping(value = "/shelters.csv", produces = "text/csv")
    @Operation(summary = "Arrivals per shelter over the date range (default: all), with suppressed small cells")
    @ApiResponse(responseCode = "200", description = "the shelters file, streamed",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    public void shelters(FilterParams params,
                         @Parameter(description = BOM_DOC) @RequestParam(defaultValue = "true") boolean bom,
                         HttpServletResponse response) {
        ReportAccess access = ReportAccess.current();
        ReportFilter filter = rules.filter(params, access);
        SmallCells cells = rules.cells(access);
        try (ReportReader.Pinned pinned = reader.pin()) {
            ShelterBatches.Reading reading = batches.open(pinned, access.scope(), filter, true);
            csv(response, "shelters.csv", bom, SHELTER_COLUMNS, reading, (csv, batch) -> {
                for (ShelterDoc shelter : batch.shelters()) {
                    Reached r = Reached.of(shelter, filter.from(), filter.to());
                    // the people counts say the days they cover: the filter's, else the shelter's first report to today
                    LocalDate from = filter.from() != null ? filter.from()
                            : shelter.arrivals.isEmpty() ? null : LocalDate.parse(shelter.arrivals.firstKey());
                    LocalDate to = filter.to() != null ? filter.to() : batch.snapshot().today();
                    PublishedCounts counts = new PublishedCounts(cells, access.donor());
                    Long total = counts.total(REACHED, r.total());
                    List<Long> bySex = counts.complements(REACHED_F, REACHED_M, r.womenAndGirls(), r.menAndBoys());
                    csv.row(Arrays.asList(shelter.id, shelter.name, shelter.state, stateName(shelter.state),
                            shelter.municipality, shelter.corridor, shelter.capacity, from, to, total, bySex.get(0),
                            bySex.get(1), counts.group(CHILDREN, r.children()),
                            counts.group(UNACCOMPANIED, r.unaccompaniedChildren()), counts.group(ELDERLY, r.olderPersons()),
                            counts.group(VICTIMS, r.victims()), counts.suppressed()));
                }
            });
        }
    }

    /** The rows of one batch. */
    private interface Rows {
        void write(Csv csv, ShelterBatches.Batch batch);
    }

    /**
     * The file streamed: BOM (unless {@code bom=false}), header and tag rows, then each batch's rows,
     * flushed to the client before the next batch is read.
     */
    private static void csv(HttpServletResponse response, String filename, boolean bom, List<List<String>> columns,
                            ShelterBatches.Reading reading, Rows rows) {
        StreamedFile.send(response, CSV, filename, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            if (bom) {
                writer.write(BOM);
            }
            Csv csv = new Csv(writer).row(headers(columns)).row(tags(columns));
            for (int i = 0; i < reading.batches(); i++) {
                rows.write(csv, reading.read(i));
                writer.flush();
            }
            writer.flush();
        });
    }

    private static List<String> headers(List<List<String>> columns) {
        return columns.stream().map(c -> c.get(0)).toList();
    }

    private static List<String> tags(List<List<String>> columns) {
        return columns.stream().map(c -> c.get(1)).toList();
    }
}
