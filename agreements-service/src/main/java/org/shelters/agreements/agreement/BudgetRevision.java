package org.shelters.agreements.agreement;

import java.time.LocalDate;
import org.shelters.events.agreements.Money;

/**
 * One budget of the agreement's history, as IATI records them: the ORIGINAL budget (type 1) set
 * when drafted and a REVISED budget (type 2) for each amendment that changed it.
 *
 * @param amendmentNumber the amendment that revised it; null for the original
 */
public record BudgetRevision(Type type, Money value, LocalDate valueDate, Integer amendmentNumber) {

    public enum Type {
        ORIGINAL, REVISED
    }
}
