package org.shelters.reporting.alerts;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.shelters.platform.domain.ProgrammeCalendar;
import org.shelters.reporting.ReportingProperties;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportReader;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.read.Scope;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The domain alerts as Prometheus gauges, for the operations alert rules and dashboard:
 * {@code alerts_open{kind}} and {@code shelter_arrivals_surge_open{state}}. Recomputed on a timer
 * from the same view the API serves, so a scrape never does the work.
 */
@Component
@EnableScheduling
public class AlertMetrics {

    private final ReportReader reader;
    private final ReportingProperties properties;
    private final ProgrammeCalendar calendar;
    private final MultiGauge openByKind;
    private final MultiGauge surgesByState;

    public AlertMetrics(ReportReader reader, ReportingProperties properties, ProgrammeCalendar calendar,
                        MeterRegistry meters) {
        this.reader = reader;
        this.properties = properties;
        this.calendar = calendar;
        this.openByKind = MultiGauge.builder("alerts.open")
                .description("Domain alerts open now, by kind (the list at /api/reports/alerts)").register(meters);
        this.surgesByState = MultiGauge.builder("shelter.arrivals.surge.open")
                .description("Shelters with an open arrivals surge, by ISO 3166-2:MX state").register(meters);
        publish(Map.of(), Map.of());
    }

    @Scheduled(initialDelayString = "${reporting.metrics.refresh-interval:15s}",
            fixedDelayString = "${reporting.metrics.refresh-interval:15s}")
    public void refresh() {
        ReportSnapshot snapshot = reader.shelters(Scope.ALL, ReportFilter.NONE, ReportReader.Days.NONE);
        List<Alerts.Alert> alerts = Alerts.view(snapshot, ReportFilter.NONE, properties.alerts(), calendar.now());
        Map<String, Long> byKind = new TreeMap<>();
        Map<String, Long> surgesPerState = new TreeMap<>();
        for (Alerts.Alert alert : alerts) {
            byKind.merge(alert.type(), 1L, Long::sum);
            if (Alerts.ARRIVALS_SURGE.equals(alert.type()) && alert.state() != null) {
                surgesPerState.merge(alert.state(), 1L, Long::sum);
            }
        }
        // states that have shelters but no surge show 0, so a surge that ends resolves the alert
        snapshot.sheltersMatching(ReportFilter.NONE).forEach(s -> {
            if (s.state != null) {
                surgesPerState.putIfAbsent(s.state, 0L);
            }
        });
        publish(byKind, surgesPerState);
    }

    private void publish(Map<String, Long> byKind, Map<String, Long> surgesPerState) {
        openByKind.register(Alerts.TYPES.stream()
                .map(kind -> MultiGauge.Row.of(Tags.of("kind", kind), byKind.getOrDefault(kind, 0L)))
                .toList(), true);
        surgesByState.register(surgesPerState.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("state", e.getKey()), e.getValue()))
                .toList(), true);
    }
}
