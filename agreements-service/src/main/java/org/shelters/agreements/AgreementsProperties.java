package org.shelters.agreements;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tunables of this service, under {@code agreements.*}.
 *
 * @param timeZone the programme's calendar: "today" (future-date checks, expiry) is taken here
 * @param expiry   the time-driven expiry of agreements whose period ended
 */
@ConfigurationProperties("agreements")
public record AgreementsProperties(ZoneId timeZone, Expiry expiry) {

    public AgreementsProperties {
        timeZone = timeZone == null ? ZoneId.of("America/Mexico_City") : timeZone;
        expiry = expiry == null ? new Expiry(null, null, true) : expiry;
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
}
