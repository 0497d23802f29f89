package org.shelters.reporting;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Everything tunable in reporting-service, under {@code reporting.*}. */
@ConfigurationProperties("reporting")
public record ReportingProperties(String zone, Export export, AlertSettings alerts, Rebuild rebuild) {

    public ReportingProperties {
        zone = zone == null ? "America/Mexico_City" : zone;
        export = export == null ? new Export(5, "IOM") : export;
        alerts = alerts == null ? new AlertSettings(2.0, 20, 30, 7, 0.10) : alerts;
        rebuild = rebuild == null ? new Rebuild(Duration.ofMillis(500), 2000) : rebuild;
    }

    public record Export(int smallCellThreshold, String implementingAgency) {
    }

    public record AlertSettings(double surgeFactor, int surgeMinArrivals, int expiringWithinDays,
                                int undeliveredAfterDays, double highRejectionRate) {

        public org.shelters.reporting.projection.Alerts.Settings settings() {
            return new org.shelters.reporting.projection.Alerts.Settings(surgeFactor, surgeMinArrivals, expiringWithinDays,
                    undeliveredAfterDays, highRejectionRate);
        }
    }

    public record Rebuild(Duration pollTimeout, int maxPollRecords) {
    }
}
