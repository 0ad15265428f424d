package org.talecamel.llm;

import java.util.List;

/**
 * What a chat request sends besides the model and its messages, by {@link Preset}: the temperature, {@code max_tokens}
 * (the reference's fixed 1024, or {@code ceil(budget × tale.budget.hard-cap-factor)} on budget-aware calls),
 * {@code seed} and {@code n}.
 */
public record RequestShape(Preset preset, double temperature, double hardCapFactor) {

    public RequestShape {
        if (hardCapFactor < 0) {
            throw new IllegalArgumentException("tale.budget.hard-cap-factor must be 0 (off) or positive, was " + hardCapFactor);
        }
        if (preset == Preset.PAPER && hardCapFactor > 0) {
            throw new IllegalArgumentException("tale.preset=paper sends max_tokens " + Preset.PAPER_MAX_TOKENS
                    + " on every call, as the reference does: it cannot be used with tale.budget.hard-cap-factor="
                    + hardCapFactor + " (set that to 0)");
        }
    }

    /** @param budget the prompt's token budget on a budget-aware call, else null */
    public ChatRequest request(String model, List<ChatMessage> messages, Integer budget) {
        if (preset == Preset.PAPER) {
            return new ChatRequest(model, messages, null, Preset.PAPER_MAX_TOKENS, Preset.PAPER_SEED, 1);
        }
        Integer maxTokens = budget != null && hardCapFactor > 0 ? (int) Math.ceil(budget * hardCapFactor) : null;
        return new ChatRequest(model, messages, temperature, maxTokens, null, null);
    }

    /** For the start-up log and the reports: what every call sends. */
    public String describe() {
        if (preset == Preset.PAPER) {
            return "preset " + preset.describe() + " (tale.llm.temperature is not sent)";
        }
        return "temperature " + temperature + (hardCapFactor > 0 ? ", max_tokens = ceil(budget × " + hardCapFactor
                + ") on budget-aware calls" : ", no max_tokens");
    }
}
