package org.shelters.reporting.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.shelters.platform.domain.ProgrammeCalendar;
import org.shelters.platform.domain.Refusal;
import org.shelters.platform.domain.Violations;
import org.shelters.platform.query.Page;
import org.shelters.platform.query.PageRequest;
import org.shelters.platform.security.Caller;
import org.shelters.reporting.ReportingProperties;
import org.shelters.reporting.access.Disclosure;
import org.shelters.reporting.access.DonorDisclosure;
import org.shelters.reporting.access.ReportAccess;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.agreements.AgreementFulfilment;
import org.shelters.reporting.alerts.Alerts;
import org.shelters.reporting.programme.ProgrammeSummary;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportReader;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.shelters.ArrivalsTrend;
import org.shelters.reporting.shelters.ShelterDoc;
import org.shelters.reporting.shelters.ShelterOverview;
import org.shelters.reporting.shipments.DeliveryPerformance;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The report queries. Every response carries {@code asOf}: the recordedtime of the newest event
 * applied. What each caller sees is decided here, per request, from its own token or session
 * ({@link ReportAccess}): a shelter partner's snapshot holds only its shelters' documents (the
 * store's query selects them by id), a donor reads fixed periods with small cells suppressed
 * ({@link DonorDisclosure}), and single-shelter records are refused (403) to whoever may not read them.
 */
@RestController
@RequestMapping("/api/reports")
@Tag(name = "reports", description = "Live programme figures from the projections")
public class ReportsController {

    /**
     * One answer; {@code disclosure} only in a donor's, saying what was suppressed and the period
     * the figures cover.
     */
    public record Fresh<T>(Instant asOf, int generation, T data,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Disclosure disclosure) {

        public Fresh(Instant asOf, int generation, T data) {
            this(asOf, generation, data, null);
        }
    }

    /**
     * A list answer: the platform's page, its fields ({@code items, page, size, total}) at the top
     * level next to {@code asOf} and {@code generation}, as clients (the dashboard) read them.
     */
    public record FreshPage<T>(Instant asOf, int generation, @JsonUnwrapped Page<T> page) {
    }

    private static final String DEFAULT_SIZE = "" + PageRequest.DEFAULT_SIZE;

    private final ReportReader reader;
    private final ReportingProperties properties;
    private final ProgrammeCalendar calendar;

    public ReportsController(ReportReader reader, ReportingProperties properties, ProgrammeCalendar calendar) {
        this.reader = reader;
        this.properties = properties;
        this.calendar = calendar;
    }

    @GetMapping("/shelters")
    @Operation(summary = "Overview of every shelter: agreement, supplies, trainings, arrivals, occupancy",
            description = "A shelter partner gets its own shelters only; not for donors (per-shelter records).")
    public FreshPage<ShelterOverview.View> shelters(FilterParams params,
                                                    @RequestParam(defaultValue = "0") int page,
                                                    @RequestParam(defaultValue = DEFAULT_SIZE) int size) {
        ReportAccess access = ReportAccess.current();
        access.requireShelterRecords();
        Violations violations = new Violations();
        ReportFilter filter = filter(params, access, violations);
        PageRequest request = page(page, size, violations);
        violations.throwIfAny();
        // paged, counted and sorted in the store; then only the page's shelters and their last 30 days are read
        ReportReader.ShelterPage read = reader.shelterPage(access.scope(), filter, request, overviewDays(filter));
        ReportSnapshot snapshot = read.snapshot();
        List<ShelterOverview.View> views = read.ids().items().stream().map(snapshot.shelters()::get)
                .filter(java.util.Objects::nonNull).map(s -> ShelterOverview.view(s, snapshot, filter)).toList();
        return new FreshPage<>(snapshot.asOf(), snapshot.generation(), request.of(views, read.ids().total()));
    }

    @GetMapping("/shelters/{shelterId}")
    @Operation(summary = "Overview of one shelter",
            description = "403 for a shelter partner on any shelter it does not act for, and for donors.")
    public Fresh<ShelterOverview.View> shelter(@PathVariable String shelterId, FilterParams params) {
        ReportAccess access = ReportAccess.current();
        access.requireShelter(shelterId);
        ReportFilter filter = params.toFilter(calendar.zone());
        ReportSnapshot snapshot = reader.shelters(access.scope(), List.of(shelterId), overviewDays(filter));
        ShelterDoc shelter = snapshot.sheltersMatching(ReportFilter.NONE).stream().filter(s -> s.id.equals(shelterId))
                .findFirst().orElseThrow(() -> Refusal.notFound("Shelter", shelterId));
        return new Fresh<>(snapshot.asOf(), snapshot.generation(), ShelterOverview.view(shelter, snapshot, filter));
    }

    @GetMapping("/agreements/{agreementId}/fulfilment")
    @Operation(summary = "Per commitment line: committed, in transit, accepted, rejected, outstanding",
            description = "403 for a shelter partner on an agreement of another shelter (or one it cannot see), and for donors.")
    public Fresh<AgreementFulfilment.View> fulfilment(@PathVariable String agreementId) {
        ReportAccess access = ReportAccess.current();
        access.requireShelterRecords();
        ReportSnapshot snapshot = reader.agreement(access.scope(), agreementId).orElse(null);
        AgreementDoc agreement = snapshot == null ? null : snapshot.agreements().get(agreementId);
        if (agreement == null) {
            // a scoped caller cannot tell another shelter's agreement from none: ids cannot be probed
            throw access.scope().all() ? Refusal.notFound("Agreement", agreementId) : Caller.forbidden();
        }
        return new Fresh<>(snapshot.asOf(), snapshot.generation(), AgreementFulfilment.view(agreement, snapshot));
    }

    @GetMapping("/programme")
    @Operation(summary = "Programme totals grouped by state, corridor, donor, phase or category",
            description = "A shelter partner's totals cover its own shelters. A donor's cover a fixed period (period, "
                    + "default: the last completed month; from/to are refused) with small counts of people suppressed.")
    public Fresh<ProgrammeSummary.View> programme(FilterParams params,
                                                  @RequestParam(defaultValue = "state") String groupBy) {
        ReportAccess access = ReportAccess.current();
        Violations violations = new Violations();
        ReportFilter filter = filter(params, access, violations);
        ProgrammeSummary.GroupBy group = FilterParams.choice(ProgrammeSummary.GroupBy.class, "groupBy", groupBy,
                violations, "state, corridor, donor, phase, category");
        violations.throwIfAny();
        // whole months from the shelters' month totals, days only of a month the dates cut through
        ReportSnapshot snapshot = reader.shelters(access.scope(), filter,
                ReportReader.Days.edgesOf(filter.from(), filter.to()));
        ProgrammeSummary.View view = ProgrammeSummary.view(snapshot, filter,
                group == null ? ProgrammeSummary.GroupBy.STATE : group);
        if (access.donor()) {
            DonorDisclosure.Disclosed<ProgrammeSummary.View> disclosed = donorDisclosure().programme(view);
            return new Fresh<>(snapshot.asOf(), snapshot.generation(), disclosed.data(), disclosure(filter, disclosed));
        }
        return new Fresh<>(snapshot.asOf(), snapshot.generation(), view);
    }

    @GetMapping("/delivery-performance")
    @Operation(summary = "Dispatch-to-delivery lead times (median, p90) per state and carrier; rejections by reason",
            description = "A shelter partner's cover its own shelters; a donor's a fixed period.")
    public Fresh<DeliveryPerformance.View> deliveryPerformance(FilterParams params) {
        ReportAccess access = ReportAccess.current();
        Violations violations = new Violations();
        ReportFilter filter = filter(params, access, violations);
        violations.throwIfAny();
        ReportSnapshot snapshot = reader.shelters(access.scope(), filter, ReportReader.Days.NONE);
        DeliveryPerformance.View view = DeliveryPerformance.view(snapshot, filter);
        return new Fresh<>(snapshot.asOf(), snapshot.generation(), view, access.donor()
                ? disclosure(filter, new DonorDisclosure.Disclosed<>(view, List.of(), List.of())) : null);
    }

    @GetMapping("/alerts")
    @Operation(summary = "Over capacity, arrival surges, expiring agreements, overdue shipments, high rejection rates",
            description = "A shelter partner gets its own shelters' alerts; not for donors (per-shelter records).")
    public FreshPage<Alerts.Alert> alerts(FilterParams params, @RequestParam(required = false) String type,
                                          @RequestParam(defaultValue = "0") int page,
                                          @RequestParam(defaultValue = DEFAULT_SIZE) int size) {
        ReportAccess access = ReportAccess.current();
        access.requireShelterRecords();
        Violations violations = new Violations();
        ReportFilter filter = filter(params, access, violations);
        String alertType = type == null || type.isBlank() ? null : type.trim().toUpperCase(Locale.ROOT);
        violations.require(alertType == null || Alerts.TYPES.contains(alertType), "type",
                "must be one of " + String.join(", ", Alerts.TYPES));
        PageRequest request = page(page, size, violations);
        violations.throwIfAny();
        ReportSnapshot snapshot = reader.shelters(access.scope(), filter, ReportReader.Days.NONE);
        List<Alerts.Alert> alerts = Alerts.view(snapshot, filter, properties.alerts(), calendar.now()).stream()
                .filter(alert -> alertType == null || alert.type().equals(alertType)).toList();
        return new FreshPage<>(snapshot.asOf(), snapshot.generation(), slice(alerts, request));
    }

    @GetMapping("/arrivals-trend")
    @Operation(summary = "People received per day with vulnerable groups (default: the last 30 days)",
            description = "A shelter partner's cover its own shelters. A donor's cover a fixed period (default: the last "
                    + "completed month): people received per day only, small counts suppressed, no breakdown by group.")
    public Fresh<List<ArrivalsTrend.Day>> arrivalsTrend(FilterParams params) {
        ReportAccess access = ReportAccess.current();
        Violations violations = new Violations();
        ReportFilter filter = filter(params, access, violations);
        violations.throwIfAny();
        LocalDate to = filter.to() != null ? filter.to() : calendar.today();
        LocalDate from = filter.from() != null ? filter.from() : to.minusDays(29);
        if (ChronoUnit.DAYS.between(from, to) > 366) {
            throw Refusal.invalid("from", "the trend covers at most 366 days");
        }
        ReportSnapshot snapshot = reader.shelters(access.scope(), filter, ReportReader.Days.between(from, to));
        List<ArrivalsTrend.Day> days = ArrivalsTrend.view(snapshot, filter, from, to);
        if (access.donor()) {
            DonorDisclosure.Disclosed<List<ArrivalsTrend.Day>> disclosed = donorDisclosure().trend(days);
            return new Fresh<>(snapshot.asOf(), snapshot.generation(), disclosed.data(), disclosure(filter, disclosed));
        }
        return new Fresh<>(snapshot.asOf(), snapshot.generation(), days);
    }

    /** The days a shelter overview reads: the 30 ending on the filter's last day, else today. */
    private ReportReader.Days overviewDays(ReportFilter filter) {
        LocalDate reference = filter.to() != null ? filter.to() : calendar.today();
        return ReportReader.Days.between(reference.minusDays(29), reference);
    }

    /** The filter as this caller may ask it: a donor only by fixed periods that have ended. */
    private ReportFilter filter(FilterParams params, ReportAccess access, Violations violations) {
        return params.toFilter(calendar.zone(), violations, access.donor() ? calendar.today() : null);
    }

    private DonorDisclosure donorDisclosure() {
        return new DonorDisclosure(properties.donor().smallCellThreshold());
    }

    private Disclosure disclosure(ReportFilter filter, DonorDisclosure.Disclosed<?> disclosed) {
        return new Disclosure(ReportAccess.Audience.DONOR.name(), properties.donor().smallCellThreshold(), filter.from(),
                filter.to(), disclosed.suppressed(), disclosed.withheld());
    }

    /**
     * The platform's page request; what it refuses is added to {@code violations}, so a bad page
     * is named in the same answer as bad filters.
     */
    static PageRequest page(int page, int size, Violations violations) {
        try {
            return PageRequest.of(page, size);
        } catch (Refusal refused) {
            refused.errors().forEach(error -> violations.add(error.field(), error.message()));
            return null;
        }
    }

    /** The requested page of an answer computed whole from the rollups of the shelters in scope (alerts). */
    static <T> Page<T> slice(List<T> all, PageRequest request) {
        int from = Math.min(request.offset(), all.size());
        int to = (int) Math.min(all.size(), (long) from + request.size());
        return request.of(all.subList(from, to), all.size());
    }
}
