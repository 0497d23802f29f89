package org.shelters.reporting.read;

import java.util.Set;

/**
 * Which shelters a report may read: all of them, or only some (a shelter partner's own). Applied
 * where the documents are loaded ({@link ReportReader#snapshot(Scope)}), so everything computed
 * from a scoped snapshot — lists, pages, totals, alerts, exports — already knows nothing else:
 * a filter can narrow a scope but never widen it, and no answer is shared between callers.
 *
 * @param shelters the shelter ids that may be read; null for every shelter
 */
public record Scope(Set<String> shelters) {

    public static final Scope ALL = new Scope(null);
    /** Nothing at all: a caller with no role that reads reports. */
    public static final Scope NONE = new Scope(Set.of());

    public Scope {
        shelters = shelters == null ? null : Set.copyOf(shelters);
    }

    public static Scope of(Set<String> shelters) {
        return new Scope(shelters);
    }

    public boolean all() {
        return shelters == null;
    }

    public boolean includes(String shelterId) {
        return all() || (shelterId != null && shelters.contains(shelterId));
    }
}
