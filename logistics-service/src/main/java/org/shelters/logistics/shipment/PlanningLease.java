package org.shelters.logistics.shipment;

import com.mongodb.client.model.Filters;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.bson.Document;
import org.shelters.platform.claim.Claims;
import org.shelters.platform.domain.Refusal;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * One plan at a time per agreement, so that two concurrent plans cannot both spend the same
 * outstanding quantity: a plan holds the agreement's claim in {@code planning_claims} from before
 * it reads the outstanding quantities until its shipment is stored. A plan that finds the claim
 * held gets 409 {@code version-conflict} (retry); the next plan to get the claim reads after the
 * previous shipment was written, so it sees it. Single-document claims, no transaction needed.
 *
 * <p>A claim left by a crashed instance is taken over once older than {@link #LEASE}.
 */
@Component
public class PlanningLease {

    static final String COLLECTION = "planning_claims";
    /** Far beyond a plan's few reads and one write; short enough that a crash blocks planning only briefly. */
    static final Duration LEASE = Duration.ofSeconds(30);
    private static final String HOLDER = "holder";

    private final Claims claims;

    public PlanningLease(MongoTemplate mongo, Clock clock) {
        this.claims = new Claims(mongo.getCollection(COLLECTION), clock);
    }

    /**
     * Runs {@code plan} holding the agreement's claim, and frees it afterwards whether the plan
     * stored a shipment or was refused.
     *
     * @throws Refusal 409 {@code version-conflict} while another plan of the agreement holds it
     */
    public <T> T holding(String agreementId, Supplier<T> plan) {
        String holder = UUID.randomUUID().toString();
        if (!acquire(agreementId, holder)) {
            throw Refusal.conflict("version-conflict", "another shipment of agreement '" + agreementId
                    + "' is being planned right now; retry");
        }
        try {
            return plan.get();
        } finally {
            // only our own claim: if ours was taken over as stale, the new holder's stays
            claims.release(agreementId, Filters.eq(HOLDER, holder));
        }
    }

    private boolean acquire(String agreementId, String holder) {
        Document mine = new Document(HOLDER, holder);
        if (claims.claim(agreementId, mine)) {
            return true;
        }
        Document current = claims.holder(agreementId).orElse(null);
        if (current == null) {
            // released between our attempt and our look: free again
            return claims.claim(agreementId, mine);
        }
        return claims.takeOverIfStale(agreementId, Filters.eq(HOLDER, current.getString(HOLDER)), LEASE, mine);
    }
}
