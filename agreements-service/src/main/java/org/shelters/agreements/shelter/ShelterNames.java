package org.shelters.agreements.shelter;

import com.mongodb.client.model.Filters;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.bson.Document;
import org.shelters.platform.claim.Claims;
import org.shelters.platform.domain.Refusal;
import org.shelters.platform.outbox.Stored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * "One registration per shelter" without multi-document transactions: every shelter in the
 * registry holds a {@link Claims claim} {@code {_id: ShelterKey.value(), shelterId, claimedAt}} in
 * {@code shelter_names}. Two registrations of the same shelter race on one single-document insert,
 * so one wins and the other is refused; the claim is taken before the shelter is written and given
 * back if that write does not land. A rename claims the new key before its write and gives the old
 * one back after it; retiring gives the key back, so the correct registration can follow.
 *
 * <p>A crash between the two writes can leave a claim behind. A claim whose shelter is retired is
 * taken over at once; one whose shelter is gone or no longer has that key (its creation or rename
 * never landed, or the old key was never given back) once it is older than {@link #ABANDONED_AFTER},
 * which leaves a write in flight time to land. A take-over is a compare-and-set on the holder's id.
 */
@Component
public class ShelterNames {

    static final String COLLECTION = "shelter_names";
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
    private static final String SHELTER_ID = "shelterId";
    private static final Logger log = LoggerFactory.getLogger(ShelterNames.class);

    private final Claims names;
    private final ShelterRepository shelters;

    public ShelterNames(MongoTemplate mongo, Clock clock, ShelterRepository shelters) {
        this.names = new Claims(mongo.getCollection(COLLECTION), clock);
        this.shelters = shelters;
    }

    /**
     * Claims the shelter's key, then runs {@code write} (the shelter's creation); gives the key back
     * if the write fails.
     *
     * @throws Refusal {@code shelter-already-registered} (409) when another shelter in the registry holds the key
     */
    public Stored<Shelter> registering(Shelter shelter, Supplier<Stored<Shelter>> write) {
        ShelterKey key = ShelterKey.of(shelter);
        claim(key, shelter.shelterId());
        return giveBackIfFails(key, shelter.shelterId(), write);
    }

    /**
     * Moves the claim from {@code from}'s key to {@code to}'s around {@code write} (the profile
     * update), when the update changes the key; otherwise just writes.
     *
     * @throws Refusal {@code shelter-already-registered} (409) when another shelter holds the new key
     */
    public Stored<Shelter> renaming(Shelter from, Shelter to, Supplier<Stored<Shelter>> write) {
        ShelterKey old = ShelterKey.of(from);
        ShelterKey next = ShelterKey.of(to);
        if (old.equals(next)) {
            return write.get();
        }
        claim(next, to.shelterId());
        Stored<Shelter> stored = giveBackIfFails(next, to.shelterId(), write);
        releaseAfterWrite(old, from.shelterId());
        return stored;
    }

    /** After the shelter's retirement landed: frees its key if it holds it; harmless otherwise. */
    public void retired(Shelter shelter) {
        releaseAfterWrite(ShelterKey.of(shelter), shelter.shelterId());
    }

    /**
     * For a shelter registered before names were claimed: claims its key unless it holds it already.
     *
     * @return the id of another shelter holding the key (the two were registered twice), empty otherwise
     */
    Optional<String> adopt(Shelter shelter) {
        ShelterKey key = ShelterKey.of(shelter);
        if (shelter.retired() || names.claim(key.value(), holder(shelter.shelterId()))) {
            return Optional.empty();
        }
        return names.holder(key.value()).map(claim -> claim.getString(SHELTER_ID))
                .filter(holderId -> !holderId.equals(shelter.shelterId()));
    }

    private void claim(ShelterKey key, String shelterId) {
        Document mine = holder(shelterId);
        while (!names.claim(key.value(), mine)) {
            Optional<Document> claim = names.holder(key.value());
            if (claim.isEmpty()) {
                continue; // given back between our insert and our read: race for it again
            }
            String holderId = claim.get().getString(SHELTER_ID);
            if (shelterId.equals(holderId)) {
                return; // a retry of our own registration or rename
            }
            Optional<Shelter> holder = shelters.find(holderId).map(Stored::state);
            if (!abandoned(claim.get(), holder, key)) {
                throw alreadyRegistered(holderId, holder.filter(h -> holds(h, key)));
            }
            if (names.takeOver(key.value(), Filters.eq(SHELTER_ID, holderId), mine)) {
                return;
            }
            // someone else took the abandoned claim over or gave it back first: look again
        }
    }

    /**
     * Runs the write; when it fails, gives the key back unless the shelter's stored state holds it
     * after all (the write landed although its answer was lost, or a concurrent one did).
     */
    private Stored<Shelter> giveBackIfFails(ShelterKey key, String shelterId, Supplier<Stored<Shelter>> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            try {
                boolean held = shelters.find(shelterId).map(stored -> holds(stored.state(), key)).orElse(false);
                if (!held) {
                    release(key, shelterId);
                }
            } catch (RuntimeException unreachable) {
                // the store is away: the claim stays and is taken over once abandoned
                e.addSuppressed(unreachable);
            }
            throw e;
        }
    }

    private void release(ShelterKey key, String shelterId) {
        names.release(key.value(), Filters.eq(SHELTER_ID, shelterId));
    }

    /**
     * The command's write landed, so its answer must not become an error: a key that could not be
     * given back is taken over later (see the class comment).
     */
    private void releaseAfterWrite(ShelterKey key, String shelterId) {
        try {
            release(key, shelterId);
        } catch (RuntimeException e) {
            log.warn("could not give back the name {} of shelter {}; it is taken over once abandoned: {}", key.value(),
                    shelterId, e.toString());
        }
    }

    /** The holder is retired, or it is gone or has another key and its claim is older than {@link #ABANDONED_AFTER}. */
    private boolean abandoned(Document claim, Optional<Shelter> holder, ShelterKey key) {
        if (holder.isPresent() && holder.get().retired()) {
            return true;
        }
        return !(holder.isPresent() && holds(holder.get(), key)) && names.olderThan(claim, ABANDONED_AFTER);
    }

    private static boolean holds(Shelter shelter, ShelterKey key) {
        return !shelter.retired() && ShelterKey.of(shelter).equals(key);
    }

    private static Document holder(String shelterId) {
        return new Document(SHELTER_ID, shelterId);
    }

    /** @param holder the holder as stored, empty while its registration or rename is still landing */
    private static Refusal alreadyRegistered(String holderId, Optional<Shelter> holder) {
        String as = holder.map(h -> " as '" + h.name() + "' in " + h.municipality() + ", " + h.state()).orElse("");
        return Refusal.conflict("shelter-already-registered", "shelter '" + holderId + "' is already registered" + as
                + " with this name, state and municipality (compared without case, accents or extra spaces); update "
                + "that shelter, or retire it first if it was registered by mistake");
    }
}
