package org.shelters.agreements.agreement;

import java.time.LocalDate;
import java.util.List;
import org.shelters.events.agreements.AgreementTerms;

/**
 * A numbered amendment as kept in the agreement's history.
 *
 * @param changed which parts it changed: period, budget, commitments, plannedTrainings, constructionWorks
 * @param terms   the full terms after it
 */
public record Amendment(int number, LocalDate date, String reason, List<String> changed, AgreementTerms terms) {

    public Amendment {
        changed = changed == null ? List.of() : List.copyOf(changed);
    }
}
