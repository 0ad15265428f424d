package org.talecamel.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.talecamel.cost.Expense;

/**
 * The answers of a run, or of one of its methods, that came in batches of the provider's Batch API
 * ({@code tale.llm.mode=batch}): how many, what they cost at batch prices, and what they would have cost sent call by
 * call, at list prices. Summaries carry none (null) where no answer came in a batch.
 *
 * @param calls         answers that came in batches
 * @param costUsd       what they cost at the batch prices of their models; null when a batch price is unknown
 * @param callByCallUsd what they would have cost sent call by call, at list prices; null when a list price is unknown
 */
public record BatchedCalls(long calls, BigDecimal costUsd, BigDecimal callByCallUsd) {

    /** How much less the batches cost than the same calls sent one by one, in percent; null when a figure is unknown. */
    @JsonProperty("savingPercent")
    public Double savingPercent() {
        if (costUsd == null || callByCallUsd == null || callByCallUsd.signum() == 0) {
            return null;
        }
        return BigDecimal.ONE.subtract(costUsd.divide(callByCallUsd, MathContext.DECIMAL64)).movePointRight(2)
                .setScale(1, RoundingMode.HALF_UP).doubleValue();
    }

    /**
     * Whether what is unknown of these answers' cost is their batch price alone: the table gives the list price of
     * their models, not the batch price. A total that includes them reads "batch price unknown" then.
     */
    @JsonIgnore
    public boolean onlyBatchPriceUnknown() {
        return costUsd == null && callByCallUsd != null;
    }

    /**
     * As the reports say it: "24 answers came in batches: $0.0012 at batch prices; $0.0024 had they been sent call by
     * call, saving 50%".
     */
    @JsonIgnore
    public String describe() {
        Double saving = savingPercent();
        return calls + (calls == 1 ? " answer" : " answers") + " came in batches: "
                + (costUsd == null ? Expense.BATCH_PRICE_UNKNOWN : Expense.total(costUsd) + " at batch prices") + "; "
                + Expense.total(callByCallUsd) + " had " + (calls == 1 ? "it" : "they") + " been sent call by call"
                + (saving == null ? "" : ", saving " + BigDecimal.valueOf(saving).stripTrailingZeros().toPlainString() + "%");
    }

    /** Running totals from the audit rows; not thread-safe (its owner guards it). */
    static final class Tally {

        private long calls;
        private BigDecimal costUsd = BigDecimal.ZERO;
        private boolean costKnown = true;
        private BigDecimal callByCallUsd = BigDecimal.ZERO;
        private boolean callByCallKnown = true;

        /** Counts the row if it is an answer that came in a batch. */
        void add(org.talecamel.audit.AuditRow row) {
            if (!row.batched()) {
                return;
            }
            calls++;
            if (row.costUsd() == null) {
                costKnown = false;
            } else {
                costUsd = costUsd.add(row.costUsd());
            }
            if (row.callByCallCostUsd() == null) {
                callByCallKnown = false;
            } else {
                callByCallUsd = callByCallUsd.add(row.callByCallCostUsd());
            }
        }

        void add(Tally other) {
            calls += other.calls;
            costUsd = costUsd.add(other.costUsd);
            costKnown &= other.costKnown;
            callByCallUsd = callByCallUsd.add(other.callByCallUsd);
            callByCallKnown &= other.callByCallKnown;
        }

        /** The figures; null when no answer came in a batch. */
        BatchedCalls summary() {
            return calls == 0 ? null
                    : new BatchedCalls(calls, costKnown ? costUsd : null, callByCallKnown ? callByCallUsd : null);
        }
    }
}
