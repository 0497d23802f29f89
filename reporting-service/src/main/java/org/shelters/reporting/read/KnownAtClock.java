package org.shelters.reporting.read;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The reporting calendar's clock: the current request's {@link KnownAt} instant when it has one,
 * else {@code live}. So "today" (windows, alerts, overdue shipments, a donor's ended periods) is
 * the knownAt's day, and the same knownAt gives the same answer whenever it is asked.
 */
public final class KnownAtClock extends Clock {

    private final Clock live;

    public KnownAtClock(Clock live) {
        this.live = live;
    }

    @Override
    public Instant instant() {
        return KnownAt.current().map(KnownAt::instant).orElseGet(live::instant);
    }

    @Override
    public ZoneId getZone() {
        return live.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new KnownAtClock(live.withZone(zone));
    }
}
