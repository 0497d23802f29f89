package org.shelters.logistics.agreement;

import java.util.ArrayList;
import java.util.List;

/**
 * The sequences a replica skipped: events that did not arrive before a later one of the same
 * agreement (dead-lettered, typically) and may still arrive late. Kept as ranges, not one entry per
 * sequence, so a wide gap costs one entry instead of growing the replica's document without bound.
 *
 * @param ranges disjoint, ascending
 */
public record MissingSequences(List<Range> ranges) {

    /** The sequences {@code from} to {@code to}, both included. */
    public record Range(long from, long to) {

        public Range {
            if (from < 1 || to < from) {
                throw new IllegalArgumentException("not a range of sequences: " + from + ".." + to);
            }
        }

        boolean contains(long sequence) {
            return from <= sequence && sequence <= to;
        }
    }

    public MissingSequences {
        ranges = ranges == null ? List.of() : List.copyOf(ranges);
    }

    public static MissingSequences none() {
        return new MissingSequences(List.of());
    }

    public boolean contains(long sequence) {
        return ranges.stream().anyMatch(range -> range.contains(sequence));
    }

    /** Also missing: {@code from..to}, which lies above every sequence seen so far (gaps open only ahead). */
    MissingSequences plus(long from, long to) {
        List<Range> next = new ArrayList<>(ranges);
        next.add(new Range(from, to));
        return new MissingSequences(next);
    }

    /** No longer missing: {@code sequence} arrived. */
    MissingSequences minus(long sequence) {
        List<Range> next = new ArrayList<>(ranges.size() + 1);
        for (Range range : ranges) {
            if (!range.contains(sequence)) {
                next.add(range);
                continue;
            }
            if (range.from() < sequence) {
                next.add(new Range(range.from(), sequence - 1));
            }
            if (sequence < range.to()) {
                next.add(new Range(sequence + 1, range.to()));
            }
        }
        return new MissingSequences(next);
    }
}
