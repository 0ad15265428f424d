package org.talecamel.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.talecamel.budget.TokenMeasure;
import org.talecamel.llm.Preset;

/** How a run measures what it reports: its preset, and so how budgets derived from an answer's length count it. */
public record Measures(@JsonIgnore Preset preset) {

    public static final Measures DEFAULT = new Measures(Preset.DEFAULT);

    public Measures {
        preset = preset == null ? Preset.DEFAULT : preset;
    }

    @JsonProperty("preset")
    public String presetId() {
        return preset.id();
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
}
