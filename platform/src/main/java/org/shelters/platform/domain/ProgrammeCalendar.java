package org.shelters.platform.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The programme's one calendar: what "today" is for every rule and report (lot expiry, agreement
 * periods, arrivals dates, date filters). Set by {@code platform.time-zone}
 * (default {@code America/Mexico_City}), the same in every service, so a lot valid today in
 * Mexico is valid in every service after 18:00 local time too.
 */
public final class ProgrammeCalendar {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("America/Mexico_City");

    private final Clock clock;
    private final ZoneId zone;

    public ProgrammeCalendar(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    public Instant now() {
        return clock.instant();
    }

    public ZoneId zone() {
        return zone;
    }

    /** The programme day an instant falls on. */
    public LocalDate dayOf(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    public Clock clock() {
        return clock;
    }
}
