package org.shelters.reporting;

import java.time.Duration;
import org.shelters.reporting.alerts.Alerts;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Everything tunable in reporting-service, under {@code reporting.*}. Which day is today comes
 * from the programme's calendar ({@code platform.time-zone}), the same in every service.
 */
@ConfigurationProperties("reporting")
public record ReportingProperties(Export export, Alerts.Settings alerts, Rebuild rebuild, Donor donor,
                                  Dashboard dashboard) {

    @ConstructorBinding
    public ReportingProperties {
        export = export == null ? new Export(5, "IOM") : export;
        alerts = alerts == null ? new Alerts.Settings(2.0, 20, 30, 7, 0.10) : alerts;
        rebuild = rebuild == null ? new Rebuild(Duration.ofMillis(500), 2000) : rebuild;
        donor = donor == null ? new Donor(5) : donor;
        dashboard = dashboard == null ? new Dashboard(Dashboard.DEFAULT_POST_LOGOUT_REDIRECT_URI, null) : dashboard;
    }

    /** The defaults for what is not given. */
    public ReportingProperties(Export export, Alerts.Settings alerts, Rebuild rebuild) {
        this(export, alerts, rebuild, null, null);
    }

    /** Shared exports: vulnerable-group counts below {@code smallCellThreshold} are left blank, for every reader. */
    public record Export(int smallCellThreshold, String implementingAgency) {
    }

    public record Rebuild(Duration pollTimeout, int maxPollRecords) {
    }

    /**
     * What a donor reads: counts of people below {@code smallCellThreshold} are suppressed in every
     * JSON report ({@code null}, named under {@code disclosure.suppressed}) and export (left out, named as suppressed).
     */
    public record Donor(int smallCellThreshold) {
    }

    /**
     * The dashboard's sign-in. {@code postLogoutRedirectUri} is where the identity server sends the
     * browser after logout ({@code {baseUrl}} = this service as the browser reached it); the identity
     * server accepts only the URIs registered for the dashboard client. {@code endSessionUri} is the
     * identity provider's RP-initiated logout endpoint; unset, the development identity server's
     * {@code <issuer>/connect/logout} (Keycloak's is {@code <issuer>/protocol/openid-connect/logout}).
     */
    public record Dashboard(String postLogoutRedirectUri, String endSessionUri) {

        public static final String DEFAULT_POST_LOGOUT_REDIRECT_URI = "{baseUrl}/dashboard/";
    }
}
