package org.shelters.reporting.read;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.shelters.reporting.agreements.AgreementDoc;

/** Budgets added up per currency only: an amount in USD and one in MXN are two figures, never one. */
public final class Budgets {

    /**
     * @param amount         the sum of the current (amended) budgets in {@code currency}
     * @param originalAmount the sum of the signed (IATI "Original") budgets; an agreement without one counts its current budget
     */
    public record Budget(String currency, BigDecimal amount, BigDecimal originalAmount) {
    }

    private Budgets() {
    }

    /** One entry per currency, by ISO code; agreements without a budget add nothing. */
    public static List<Budget> of(Collection<AgreementDoc> agreements) {
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        for (AgreementDoc a : agreements) {
            if (a.budget == null) {
                continue;
            }
            BigDecimal[] sum = sums.computeIfAbsent(a.currency == null ? "UNKNOWN" : a.currency,
                    k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            sum[0] = sum[0].add(a.budget);
            sum[1] = sum[1].add(a.originalBudget == null ? a.budget : a.originalBudget);
        }
        return sums.entrySet().stream().map(e -> new Budget(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }
}
