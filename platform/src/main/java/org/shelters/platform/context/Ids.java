package org.shelters.platform.context;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * New aggregate ids. Inside a command that carries an {@code Idempotency-Key}, ids are derived
 * from the key (and the order in which the command asks for them), so a command that runs again
 * for the same key — a retry that took over a claim whose first run crashed before its answer was
 * recorded — creates the SAME ids: the second create is refused as {@code already-exists} instead
 * of registering a second shelter, agreement or shipment. Without a key, ids are random.
 */
public final class Ids {

    private static final ThreadLocal<Seed> SEED = new ThreadLocal<>();

    private Ids() {
    }

    public static String next() {
        Seed seed = SEED.get();
        if (seed == null) {
            return UUID.randomUUID().toString();
        }
        return UUID.nameUUIDFromBytes((seed.scope() + "#" + seed.next()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Ids derived from {@code scope} (the method, path and Idempotency-Key) until the returned scope
     * is closed: {@code try (var ids = Ids.derivedFrom(scope)) { ... }}.
     */
    public static Scope derivedFrom(String scope) {
        Seed previous = SEED.get();
        SEED.set(new Seed(scope));
        return () -> {
            if (previous == null) {
                SEED.remove();
            } else {
                SEED.set(previous);
            }
        };
    }

    /** Restores the ids of the enclosing scope. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static final class Seed {
        private final String scope;
        private int count;

        Seed(String scope) {
            this.scope = scope;
        }

        String scope() {
            return scope;
        }

        int next() {
            return count++;
        }
    }
}
