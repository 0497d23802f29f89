package org.shelters.platform.context;

import org.shelters.events.EventMetadata;

/**
 * The correlation id and trace context of the command being handled on this thread, set by
 * {@link CommandContextFilter} for HTTP requests and by the consumer for event-driven work, and
 * read by the aggregate store when it stamps events.
 */
public final class CommandContext {

    private static final ThreadLocal<EventMetadata> CURRENT = new ThreadLocal<>();

    private CommandContext() {
    }

    public static EventMetadata metadata() {
        EventMetadata metadata = CURRENT.get();
        return metadata == null ? EventMetadata.none() : metadata;
    }

    /** Runs {@code work} with {@code metadata} as the current context, restoring the previous one. */
    public static void runWith(EventMetadata metadata, Runnable work) {
        EventMetadata previous = CURRENT.get();
        CURRENT.set(metadata);
        try {
            work.run();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    public static void set(EventMetadata metadata) {
        CURRENT.set(metadata);
    }

    public static void clear() {
        CURRENT.remove();
    }
}
