package org.talecamel.llm;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.talecamel.budget.TokenMeasure;

/**
 * {@code tale.preset}: how far a run imitates the TALE reference implementation (GeniusHTX/TALE at eef652c) beyond
 * its prompts, which every run sends.
 */
public enum Preset {
    /** Our request: {@code tale.llm.temperature}, no {@code max_tokens} unless the budget's hard cap is set. */
    DEFAULT("default"),
    /**
     * The reference's request ({@code call_gpt} in {@code llm_models/__init__.py}): no temperature, {@code max_tokens}
     * 1024, {@code seed} 1024 and {@code n} 1 on every call; and the reference's token measure (cl100k of the answer
     * text, its {@code token_measure}) wherever a budget is derived from an answer's length: the search, the
     * elasticity walk and the sweep's fractions.
     */
    PAPER("paper");

    /** The reference's {@code max_tokens} and {@code seed}, both 1024. */
    public static final int PAPER_MAX_TOKENS = 1024;
    public static final int PAPER_SEED = 1024;

    private final String id;

    Preset(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** What every call sends and how answer lengths are counted, for the start-up log and the reports. */
    public String describe() {
        return this == PAPER ? "paper: the reference's request (max_tokens " + PAPER_MAX_TOKENS + ", seed " + PAPER_SEED
                + ", n 1, no temperature); budgets from answer lengths in cl100k of the text"
                : "default: our request; budgets from answer lengths in billed completion tokens";
    }

    /** How budgets derived from an answer's length count it: cl100k of its text under the paper preset. */
    public TokenMeasure budgetTokens() {
        return this == PAPER ? TokenMeasure.ANSWER_TEXT : TokenMeasure.USAGE;
    }

    /** {@code default} or {@code paper}, in any case; blank is the default. */
    public static Preset of(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("tale.preset: unknown preset '" + text.strip()
                        + "' (known: " + Arrays.stream(values()).map(Preset::id).collect(Collectors.joining(", ")) + ")"));
    }
}
