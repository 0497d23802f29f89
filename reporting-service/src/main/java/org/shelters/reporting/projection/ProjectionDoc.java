package org.shelters.reporting.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.data.annotation.Id;

/**
 * One aggregate's facts as a projection keeps them. Each document belongs to exactly one
 * aggregate (shelter, agreement or shipment) and holds the one sequence guard of the service
 * ({@link #admit}): every event is applied to it at most once, in order or late. Mutable on
 * purpose: a projection document is the running fold of its events, rewritten whole on every poll
 * that touches it.
 *
 * <p>Late events (shared-events README, "Late events"): an event that was dead-lettered, so never
 * applied, may be replayed after later events of its aggregate. The document remembers the
 * sequences it skipped ({@link #gaps}) so that such an event is applied once, and every field
 * that more than one event type sets carries the sequence that set it ({@link #setBy}), so the
 * late event never overwrites what a later one set.
 */
public abstract class ProjectionDoc {

    @Id
    public String id;
    /** Highest aggregate sequence applied. */
    public long seq;
    /**
     * Sequences below {@link #seq} that never reached this document, as ascending ranges. Most are
     * events of the aggregate that change another document (a daily report never touches the
     * shelter's profile); the others are events that were dead-lettered and may still come.
     */
    public List<Gap> gaps = new ArrayList<>();
    /** Field (or group of fields set together) to the sequence of the event that last set it. */
    public Map<String, Long> setBy = new TreeMap<>();
    /** CloudEvents recordedtime of the newest event applied here; the response's asOf is the max of these. */
    public Instant lastRecordedTime;

    /**
     * The sequence guard. An event after {@link #seq} is applied (the sequences it jumps over are
     * remembered as a gap); an event at or below it is applied only if its sequence is one of the
     * gaps, which it then leaves. Anything else was applied already: a redelivery, ignored.
     *
     * @return whether the event of {@code sequence} is to be applied now
     */
    public boolean admit(long sequence) {
        if (sequence > seq) {
            if (sequence > seq + 1) {
                gaps.add(new Gap(seq + 1, sequence - 1));
            }
            seq = sequence;
            return true;
        }
        for (int i = 0; i < gaps.size(); i++) {
            Gap gap = gaps.get(i);
            if (gap.from <= sequence && sequence <= gap.to) {
                gaps.remove(i);
                if (sequence < gap.to) {
                    gaps.add(i, new Gap(sequence + 1, gap.to));
                }
                if (gap.from < sequence) {
                    gaps.add(i, new Gap(gap.from, sequence - 1));
                }
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the event of {@code sequence} may set {@code field}: not when a later event already
     * set it. When it may, the field is stamped with {@code sequence}.
     */
    public boolean sets(String field, long sequence) {
        Long last = setBy.get(field);
        if (last != null && last > sequence) {
            return false;
        }
        setBy.put(field, sequence);
        return true;
    }

    /** Sequences {@code from} to {@code to}, both included. */
    public static class Gap {
        public long from;
        public long to;

        public Gap() {
        }

        public Gap(long from, long to) {
            this.from = from;
            this.to = to;
        }
    }
}
