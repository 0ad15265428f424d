package org.talecamel.llm;

import java.util.List;

/**
 * What a chat request sends besides the model and its messages, by {@link Preset} and by what the model takes
 * ({@link ModelTable}, {@code config/models.csv}): the temperature where the model takes one; an output limit (the
 * reference's fixed 1024, or {@code ceil(budget × tale.budget.hard-cap-factor)} on budget-aware calls) in the
 * parameter the model takes, {@code max_tokens} or {@code max_completion_tokens}; {@code reasoning_effort} for
 * reasoning models; {@code seed} and {@code n} under the paper preset. The model and the effort are given per call,
 * so one shape serves every model of a run.
 */
public record RequestShape(Preset preset, double temperature, double hardCapFactor, ModelTable models) {

    public RequestShape {
        if (hardCapFactor < 0) {
            throw new IllegalArgumentException("tale.budget.hard-cap-factor must be 0 (off) or positive, was " + hardCapFactor);
        }
        if (preset == Preset.PAPER && hardCapFactor > 0) {
            throw new IllegalArgumentException("tale.preset=paper sends max_tokens " + Preset.PAPER_MAX_TOKENS
                    + " on every call, as the reference does: it cannot be used with tale.budget.hard-cap-factor="
                    + hardCapFactor + " (set that to 0)");
        }
        models = models == null ? ModelTable.classic() : models;
    }

    /** A shape for classic chat models only (no table). */
    public RequestShape(Preset preset, double temperature, double hardCapFactor) {
        this(preset, temperature, hardCapFactor, ModelTable.classic());
    }

    /**
     * @param effort null sends none
     * @param budget the prompt's token budget on a budget-aware call, else null
     */
    public ChatRequest request(String model, ReasoningEffort effort, List<ChatMessage> messages, Integer budget) {
        ModelParameters takes = models.of(model);
        return build(model, takes, effort, messages, takes.tokenLimit(), limit(budget), null);
    }

    /** The output limit of a call: the paper's 1024, or the hard cap of a budget-aware call; else none. */
    private Integer limit(Integer budget) {
        if (preset == Preset.PAPER) {
            return Preset.PAPER_MAX_TOKENS;
        }
        return budget != null && hardCapFactor > 0 ? Integer.valueOf((int) Math.ceil(budget * hardCapFactor)) : null;
    }

    /**
     * A request that gives the model {@code budget} as its own limit, in the row's {@code native_budget} parameter
     * ({@code max_completion_tokens}, {@code max_tokens}, or {@code thinking_token_budget} beside the usual limit),
     * with no budget in the prompt: the method {@code tale-native}.
     *
     * @throws IllegalArgumentException when the model's row says it takes no native budget
     */
    public ChatRequest nativeRequest(String model, ReasoningEffort effort, List<ChatMessage> messages, int budget) {
        ModelParameters takes = models.of(model);
        return switch (takes.nativeBudget()) {
            case MAX_TOKENS, MAX_COMPLETION_TOKENS -> build(model, takes, effort, messages, takes.nativeBudget(), budget, null);
            case THINKING_TOKEN_BUDGET -> build(model, takes, effort, messages, takes.tokenLimit(), limit(null), budget);
            case NONE -> throw new IllegalArgumentException(noNativeBudget(model));
        };
    }

    /** Why the model cannot be given a native budget, naming its row; null when it can. */
    public String noNativeBudgetOrNull(String model) {
        return models.of(model).nativeBudget() == TokenParameter.NONE ? noNativeBudget(model) : null;
    }

    private String noNativeBudget(String model) {
        return "the method tale-native gives the model its own token budget, but " + model + " takes none: its row, "
                + models.of(model).describeRow() + " of tale.llm.models-table, says native_budget=none";
    }

    private ChatRequest build(String model, ModelParameters takes, ReasoningEffort effort, List<ChatMessage> messages,
                              TokenParameter limitField, Integer limit, Integer thinkingBudget) {
        boolean paper = preset == Preset.PAPER;
        Double sentTemperature = paper || !takes.temperature() ? null : temperature;
        Integer maxTokens = limitField == TokenParameter.MAX_TOKENS ? limit : null;
        Integer maxCompletionTokens = limitField == TokenParameter.MAX_COMPLETION_TOKENS ? limit : null;
        String sentEffort = effort != null && takes.reasoning() ? effort.value() : null;
        return new ChatRequest(model, messages, sentTemperature, maxTokens, maxCompletionTokens,
                paper ? Integer.valueOf(Preset.PAPER_SEED) : null, paper ? Integer.valueOf(1) : null, sentEffort,
                thinkingBudget);
    }

    /** For the start-up log and the reports: what every call to {@code model} sends. */
    public String describe(String model, ReasoningEffort effort) {
        ModelParameters takes = models.of(model);
        String limit = takes.tokenLimit().field();
        String sent;
        if (preset == Preset.PAPER) {
            sent = "preset " + preset.describe() + ", the limit as " + limit + " (tale.llm.temperature is not sent)";
        } else {
            sent = (takes.temperature() ? "temperature " + temperature : "no temperature (the model takes none)")
                    + (hardCapFactor > 0 ? ", " + limit + " = ceil(budget × " + hardCapFactor + ") on budget-aware calls"
                            : ", no " + limit);
        }
        if (effort != null) {
            sent += takes.reasoning() ? ", reasoning_effort " + effort.value()
                    : ", no reasoning_effort (not a reasoning model: tale.llm.reasoning-effort is not sent)";
        }
        return "model " + model + ": " + sent + "; " + takes.describeRow();
    }
}
