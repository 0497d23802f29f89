package org.shelters.events.agreements;

/** A space the construction materials will build, e.g. a space for women and children. */
public record ConstructionWork(String workId, ConstructionWorkKind kind, String description) {
}
