package org.shelters.reporting.projection;

import java.time.Instant;
import org.springframework.data.annotation.Id;

/**
 * One aggregate's facts as a projection keeps them. Each document belongs to exactly one
 * aggregate (shelter, agreement or shipment) and remembers the last {@code sequence} applied to
 * it, so re-delivered and replayed events change nothing. Mutable on purpose: a projection
 * document is the running fold of its events, rewritten whole on every poll that touches it.
 */
public abstract class ProjectionDoc {

    @Id
    public String id;
    /** Last applied aggregate sequence; events at or below it are skipped. */
    public long seq;
    /** CloudEvents recordedtime of the newest event applied here; the response's asOf is the max of these. */
    public Instant lastRecordedTime;
}
