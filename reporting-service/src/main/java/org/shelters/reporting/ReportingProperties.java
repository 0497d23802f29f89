package org.shelters.reporting;

import java.time.Duration;
import org.shelters.reporting.alerts.Alerts;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything tunable in reporting-service, under {@code reporting.*}. Which day is today comes
 * from the programme's calendar ({@code platform.time-zone}), the same in every service.
 */
@ConfigurationProperties("reporting")
public record ReportingProperties(Export export, Alerts.Settings alerts, Rebuild rebuild) {

    public ReportingProperties {
        export = export == null ? new Export(5, "IOM") : export;
        alerts = alerts == null ? new Alerts.Settings(2.0, 20, 30, 7, 0.10) : alerts;
        rebuild = rebuild == null ? new Rebuild(Duration.ofMillis(500), 2000) : rebuild;
    }

    public record Export(int smallCellThreshold, String implementingAgency) {
    }

    public record Rebuild(Duration pollTimeout, int maxPollRecords) {
    }
}
