package org.talecamel.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.talecamel.budget.TokenMeasure;
import org.talecamel.llm.Preset;
import org.talecamel.scoring.Scoring;

/**
 * How a run measures what it reports: its preset ({@code tale.preset}: the request, and how budgets derived from an
 * answer's length count it) and its scoring ({@code tale.scoring}). Every report says both.
 */
public record Measures(@JsonIgnore Preset preset, @JsonIgnore Scoring scoring) {

    public static final Measures DEFAULT = new Measures(Preset.DEFAULT, Scoring.DEFAULT);

    public Measures {
        preset = preset == null ? Preset.DEFAULT : preset;
        scoring = scoring == null ? Scoring.DEFAULT : scoring;
    }

    @JsonProperty("preset")
    public String presetId() {
        return preset.id();
    }

    @JsonProperty("scoring")
    public String scoringId() {
        return scoring.id();
    }

    /** The search, the elasticity walk and the sweep's fractions count an answer's length this way. */
    @JsonIgnore
    public TokenMeasure budgetTokens() {
        return preset.budgetTokens();
    }

    @JsonProperty("budgetTokens")
    public String budgetTokensDescription() {
        return budgetTokens().description();
    }

    /** For a report's header: "scoring strict: ...; preset default: ...". */
    public String describe() {
        return "scoring " + scoring.describe() + "; preset " + preset.describe();
    }
}
