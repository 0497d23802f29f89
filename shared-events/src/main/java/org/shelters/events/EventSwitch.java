package org.shelters.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Typed, exhaustive dispatch over a sealed family of events (a topic's payload interface, or a
 * part of it): each event class goes to the action declared for it, already cast, and
 * {@link Builder#build()} refuses a switch that neither handles nor explicitly ignores every
 * permitted event class. Hold switches in {@code static final} fields: a new event added to a
 * topic's sealed interface then fails every test that loads the handler, naming the class, instead
 * of being silently ignored. Java 17 has no pattern-matching switch; this is its stand-in.
 *
 * <pre>{@code
 * static final EventSwitch<AgreementEvent, Replica> APPLY = EventSwitch.over(AgreementEvent.class, Replica.class)
 *         .on(AgreementSigned.class, (replica, signed) -> replica.sign(signed))
 *         .ignore(TrainingSessionDelivered.class)
 *         ...
 *         .build();
 * }</pre>
 *
 * @param <P> the sealed event family
 * @param <C> what each action receives besides the event (a document, an envelope, a context)
 */
public final class EventSwitch<P extends EventPayload, C> {

    private final Class<P> family;
    private final Map<Class<?>, BiConsumer<C, ? super P>> actions;

    private EventSwitch(Class<P> family, Map<Class<?>, BiConsumer<C, ? super P>> actions) {
        this.family = family;
        this.actions = Map.copyOf(actions);
    }

    public static <P extends EventPayload, C> Builder<P, C> over(Class<P> family, Class<C> context) {
        return new Builder<>(family);
    }

    /** Runs the action declared for {@code event}'s class (nothing for an ignored one). */
    public void apply(C context, P event) {
        BiConsumer<C, ? super P> action = actions.get(event.getClass());
        if (action == null) {
            throw new IllegalStateException(event.getClass().getName() + " is not a " + family.getSimpleName());
        }
        action.accept(context, event);
    }

    /** Whether {@code type} has an action (false for ignored types). */
    public boolean handles(Class<? extends P> type) {
        return actions.get(type) != IGNORED;
    }

    private static final BiConsumer<Object, Object> IGNORED = (context, event) -> { };

    /** Every concrete class of a sealed family (the family itself when it is concrete). */
    public static Set<Class<?>> leaves(Class<?> family) {
        Set<Class<?>> leaves = new LinkedHashSet<>();
        collect(family, leaves);
        return leaves;
    }

    private static void collect(Class<?> type, Set<Class<?>> into) {
        if (type.isSealed()) {
            for (Class<?> permitted : type.getPermittedSubclasses()) {
                collect(permitted, into);
            }
        } else if (!type.isInterface()) {
            into.add(type);
        } else {
            throw new IllegalStateException(type.getName() + " is an open interface: dispatch needs a sealed family");
        }
    }

    public static final class Builder<P extends EventPayload, C> {

        private final Class<P> family;
        private final Map<Class<?>, BiConsumer<C, ? super P>> actions = new LinkedHashMap<>();
        private final List<String> errors = new ArrayList<>();

        private Builder(Class<P> family) {
            this.family = family;
        }

        /** Sends events of {@code type} (a concrete class, or a sealed sub-family) to {@code action}. */
        @SuppressWarnings("unchecked")
        public <E extends P> Builder<P, C> on(Class<E> type, BiConsumer<C, ? super E> action) {
            for (Class<?> leaf : leaves(type)) {
                put(leaf, (context, event) -> action.accept(context, (E) event));
            }
            return this;
        }

        /** Declares that events of these types are deliberately not handled here. */
        @SafeVarargs
        @SuppressWarnings("unchecked")
        public final Builder<P, C> ignore(Class<? extends P>... types) {
            for (Class<? extends P> type : types) {
                for (Class<?> leaf : leaves(type)) {
                    put(leaf, (BiConsumer<C, ? super P>) (BiConsumer<?, ?>) IGNORED);
                }
            }
            return this;
        }

        private void put(Class<?> leaf, BiConsumer<C, ? super P> action) {
            if (actions.putIfAbsent(leaf, action) != null) {
                errors.add(leaf.getSimpleName() + " is declared twice");
            }
        }

        /** @throws IllegalStateException naming every event class neither handled nor ignored */
        public EventSwitch<P, C> build() {
            Set<Class<?>> missing = new LinkedHashSet<>(leaves(family));
            missing.removeAll(actions.keySet());
            if (!missing.isEmpty()) {
                errors.add("not handled nor ignored: " + missing.stream().map(Class::getSimpleName)
                        .collect(Collectors.joining(", ")));
            }
            if (!errors.isEmpty()) {
                throw new IllegalStateException("event switch over " + family.getSimpleName() + ": "
                        + String.join("; ", errors));
            }
            return new EventSwitch<>(family, actions);
        }
    }
}
