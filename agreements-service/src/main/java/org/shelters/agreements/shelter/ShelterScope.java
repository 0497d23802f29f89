package org.shelters.agreements.shelter;

import java.util.Collection;
import java.util.Set;
import org.shelters.platform.security.Caller;

/**
 * Which shelters a list may return: every shelter, or only those a shelter partner acts for. It is
 * handed to the repositories so the store filters before paging (a page filtered afterwards would
 * come back short and its {@code total} would count other shelters' documents). Built from the
 * caller of each request, never kept between requests.
 */
public final class ShelterScope {

    private static final ShelterScope EVERY = new ShelterScope(null);

    /** null: every shelter. */
    private final Set<String> shelterIds;

    private ShelterScope(Set<String> shelterIds) {
        this.shelterIds = shelterIds;
    }

    public static ShelterScope every() {
        return EVERY;
    }

    /** Only these shelters; none at all when empty (a partner whose token names no shelter). */
    public static ShelterScope only(Collection<String> shelterIds) {
        return new ShelterScope(Set.copyOf(shelterIds));
    }

    /** A shelter partner's own shelters; every shelter for a programme-wide role. */
    public static ShelterScope of(Caller caller) {
        return caller.isShelterScoped() ? only(caller.shelters()) : every();
    }

    public boolean isEvery() {
        return shelterIds == null;
    }

    /** @throws IllegalStateException for {@link #every()}, which names no shelter */
    public Set<String> shelterIds() {
        if (shelterIds == null) {
            throw new IllegalStateException("every shelter is in scope; there is no list of them");
        }
        return shelterIds;
    }

    @Override
    public String toString() {
        return isEvery() ? "every shelter" : "shelters " + shelterIds;
    }
}
