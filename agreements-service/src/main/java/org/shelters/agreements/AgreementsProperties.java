package org.shelters.agreements;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tunables of this service, under {@code agreements.*}. "Today" is not one of them: it is the
 * platform's {@code ProgrammeCalendar} ({@code platform.time-zone}), the same in every service.
 *
 * @param expiry  the time-driven expiry of agreements whose period ended
 * @param metrics the domain metrics
 */
@ConfigurationProperties("agreements")
public record AgreementsProperties(Expiry expiry, Metrics metrics) {

    public AgreementsProperties {
        expiry = expiry == null ? new Expiry(null, null, true) : expiry;
        metrics = metrics == null ? new Metrics(null) : metrics;
    }

    /**
     * @param checkInterval how often ended agreements are looked for
     * @param initialDelay  first check after start-up
     */
    public record Expiry(Duration checkInterval, Duration initialDelay, Boolean enabled) {
        public Expiry {
            checkInterval = checkInterval == null ? Duration.ofHours(1) : checkInterval;
            initialDelay = initialDelay == null ? Duration.ofSeconds(5) : initialDelay;
            enabled = enabled == null ? Boolean.TRUE : enabled;
        }
    }

    /**
     * @param refreshInterval how often the {@code agreements{status}} gauge is recounted in the database
     *                        (a scrape reads the last count, so scrapes never load Mongo)
     */
    public record Metrics(Duration refreshInterval) {
        public Metrics {
            refreshInterval = refreshInterval == null ? Duration.ofSeconds(10) : refreshInterval;
        }
    }
}
