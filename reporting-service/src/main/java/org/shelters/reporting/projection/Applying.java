package org.shelters.reporting.projection;

/**
 * A document and the sequence of the event being applied to it: what a fold's actions receive,
 * so that each field they set is stamped with the sequence that set it ({@link ProjectionDoc#sets}).
 */
public record Applying<D extends ProjectionDoc>(D doc, long sequence) {

    /** Whether this event may set {@code field} (no later event set it); if so the field is stamped. */
    public boolean sets(String field) {
        return doc.sets(field, sequence);
    }

    /** The class literal an {@link org.shelters.events.EventSwitch} over {@code Applying<D>} is built with. */
    @SuppressWarnings("unchecked")
    public static <D extends ProjectionDoc> Class<Applying<D>> to(Class<D> type) {
        return (Class<Applying<D>>) (Class<?>) Applying.class;
    }
}
