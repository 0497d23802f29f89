package org.shelters.reporting.report;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.shelters.platform.web.ApiException;
import org.shelters.reporting.ReportingProperties;
import org.shelters.reporting.projection.AgreementDoc;
import org.shelters.reporting.projection.AgreementFulfilment;
import org.shelters.reporting.projection.Alerts;
import org.shelters.reporting.projection.ArrivalsTrend;
import org.shelters.reporting.projection.DeliveryPerformance;
import org.shelters.reporting.projection.ProgrammeSummary;
import org.shelters.reporting.projection.ReportFilter;
import org.shelters.reporting.projection.ReportReader;
import org.shelters.reporting.projection.ReportSnapshot;
import org.shelters.reporting.projection.ShelterDoc;
import org.shelters.reporting.projection.ShelterOverview;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Analyst queries. Every response carries {@code asOf}: the recordedtime of the newest event applied. */
@RestController
@RequestMapping("/api/reports")
@Tag(name = "reports", description = "Live programme figures from the projections")
public class ReportsController {

    public record Fresh<T>(Instant asOf, int generation, T data) {
    }

    public record Page<T>(Instant asOf, int generation, int page, int size, long total, List<T> items) {
    }

    private final ReportReader reader;
    private final ReportingProperties properties;
    private final Clock clock;

    public ReportsController(ReportReader reader, ReportingProperties properties, Clock clock) {
        this.reader = reader;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/shelters")
    @Operation(summary = "Overview of every shelter: agreement, supplies, trainings, arrivals, occupancy")
    public Page<ShelterOverview.View> shelters(FilterParams params,
                                               @RequestParam(defaultValue = "0") int page,
                                               @RequestParam(defaultValue = "50") int size) {
        ReportFilter filter = params.toFilter(ZoneId.of(properties.zone()));
        checkPage(page, size);
        ReportSnapshot snapshot = reader.snapshot();
        List<ShelterDoc> shelters = snapshot.sheltersMatching(filter);
        List<ShelterOverview.View> items = slice(shelters, page, size).stream()
                .map(s -> ShelterOverview.view(s, snapshot, filter)).toList();
        return new Page<>(snapshot.asOf(), snapshot.generation(), page, size, shelters.size(), items);
    }

    @GetMapping("/shelters/{shelterId}")
    @Operation(summary = "Overview of one shelter")
    public Fresh<ShelterOverview.View> shelter(@PathVariable String shelterId, FilterParams params) {
        ReportFilter filter = params.toFilter(ZoneId.of(properties.zone()));
        ReportSnapshot snapshot = reader.snapshot();
        ShelterDoc shelter = snapshot.sheltersMatching(ReportFilter.NONE).stream().filter(s -> s.id.equals(shelterId))
                .findFirst().orElseThrow(() -> ApiException.notFound("Shelter", shelterId));
        return new Fresh<>(snapshot.asOf(), snapshot.generation(), ShelterOverview.view(shelter, snapshot, filter));
    }

    @GetMapping("/agreements/{agreementId}/fulfilment")
    @Operation(summary = "Per commitment line: committed, in transit, accepted, rejected, outstanding")
    public Fresh<AgreementFulfilment.View> fulfilment(@PathVariable String agreementId) {
        ReportSnapshot snapshot = reader.snapshot();
        AgreementDoc agreement = snapshot.agreements().get(agreementId);
        if (agreement == null) {
            throw ApiException.notFound("Agreement", agreementId);
        }
        return new Fresh<>(snapshot.asOf(), snapshot.generation(), AgreementFulfilment.view(agreement, snapshot));
    }

    @GetMapping("/programme")
    @Operation(summary = "Programme totals grouped by state, corridor, donor, phase or category")
    public Fresh<ProgrammeSummary.View> programme(FilterParams params,
                                                  @RequestParam(defaultValue = "state") String groupBy) {
        ReportFilter filter = params.toFilter(ZoneId.of(properties.zone()));
        ProgrammeSummary.GroupBy group;
        try {
            group = ProgrammeSummary.GroupBy.valueOf(groupBy.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("groupBy", "must be one of state, corridor, donor, phase, category");
        }
        ReportSnapshot snapshot = reader.snapshot();
        return new Fresh<>(snapshot.asOf(), snapshot.generation(), ProgrammeSummary.view(snapshot, filter, group));
    }

    @GetMapping("/delivery-performance")
    @Operation(summary = "Dispatch-to-delivery lead times (median, p90) per state and carrier; rejections by reason")
    public Fresh<DeliveryPerformance.View> deliveryPerformance(FilterParams params) {
        ReportFilter filter = params.toFilter(ZoneId.of(properties.zone()));
        ReportSnapshot snapshot = reader.snapshot();
        return new Fresh<>(snapshot.asOf(), snapshot.generation(), DeliveryPerformance.view(snapshot, filter));
    }

    @GetMapping("/alerts")
    @Operation(summary = "Over capacity, arrival surges, expiring agreements, overdue shipments, high rejection rates")
    public Page<Alerts.Alert> alerts(FilterParams params, @RequestParam(required = false) String type,
                                     @RequestParam(defaultValue = "0") int page,
                                     @RequestParam(defaultValue = "50") int size) {
        ReportFilter filter = params.toFilter(ZoneId.of(properties.zone()));
        checkPage(page, size);
        ReportSnapshot snapshot = reader.snapshot();
        List<Alerts.Alert> alerts = Alerts.view(snapshot, filter, properties.alerts().settings(), clock.instant()).stream()
                .filter(alert -> type == null || alert.type().equalsIgnoreCase(type)).toList();
        return new Page<>(snapshot.asOf(), snapshot.generation(), page, size, alerts.size(), slice(alerts, page, size));
    }

    @GetMapping("/arrivals-trend")
    @Operation(summary = "People received per day with vulnerable groups (default: the last 30 days)")
    public Fresh<List<ArrivalsTrend.Day>> arrivalsTrend(FilterParams params) {
        ReportFilter filter = params.toFilter(ZoneId.of(properties.zone()));
        ReportSnapshot snapshot = reader.snapshot();
        LocalDate to = filter.to() != null ? filter.to() : snapshot.today();
        LocalDate from = filter.from() != null ? filter.from() : to.minusDays(29);
        if (ChronoUnit.DAYS.between(from, to) > 366) {
            throw ApiException.invalid("from", "the trend covers at most 366 days");
        }
        return new Fresh<>(snapshot.asOf(), snapshot.generation(), ArrivalsTrend.view(snapshot, filter, from, to));
    }

    static void checkPage(int page, int size) {
        if (page < 0) {
            throw ApiException.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > 500) {
            throw ApiException.invalid("size", "must be between 1 and 500");
        }
    }

    static <T> List<T> slice(List<T> all, int page, int size) {
        long from = (long) page * size;
        if (from >= all.size()) {
            return List.of();
        }
        return all.subList((int) from, (int) Math.min(all.size(), from + size));
    }
}
