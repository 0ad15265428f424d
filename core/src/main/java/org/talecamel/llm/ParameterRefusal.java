package org.talecamel.llm;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An endpoint that answers 400 "Unsupported parameter: 'max_tokens' ..." or "Unsupported value: 'temperature' ..."
 * (OpenAI's {@code unsupported_parameter} and {@code unsupported_value}) refuses something every call of the model
 * sends: every other call would be refused too, so the run stops at the first, saying which setting or row of
 * {@code config/models.csv} to change. Not retried: the same request gets the same answer.
 */
public final class ParameterRefusal {

    // OpenAI's message names the parameter first; the parser keeps error.message as "HTTP 400: <message>"
    private static final Pattern UNSUPPORTED = Pattern.compile("^HTTP 400: Unsupported (parameter|value): '([^']+)'");

    private ParameterRefusal() {
    }

    /** The parameter the endpoint refused, if this result is such a refusal. */
    public static Optional<String> parameter(ChatResult result) {
        if (result.httpStatus() != 400 || result.error() == null) {
            return Optional.empty();
        }
        Matcher refused = UNSUPPORTED.matcher(result.error());
        return refused.find() ? Optional.of(refused.group(2)) : Optional.empty();
    }

    /** Why the run stops, with what to change, for the console, the report and the audit. */
    public static String reason(ChatResult result, String model, ModelParameters row) {
        String parameter = parameter(result).orElseThrow();
        String change = switch (parameter) {
            case "temperature" -> "set its row, " + row.describeRow() + " of tale.llm.models-table, to temperature=no"
                    + " (or send it the temperature it takes: tale.llm.temperature)";
            case "max_tokens" -> "set its row, " + row.describeRow() + ", to token_limit=max_completion_tokens"
                    + (row.nativeBudget() == TokenParameter.MAX_TOKENS ? " and native_budget=max_completion_tokens" : "");
            case "max_completion_tokens" -> "set its row, " + row.describeRow() + ", to token_limit=max_tokens"
                    + (row.nativeBudget() == TokenParameter.MAX_COMPLETION_TOKENS ? " and native_budget=max_tokens" : "");
            case "reasoning_effort" -> "set tale.llm.reasoning-effort to a value the model takes, or empty to send none"
                    + " (or reasoning=no in its row, " + row.describeRow() + ")";
            case "thinking_token_budget" -> "set native_budget in its row, " + row.describeRow()
                    + ", to a parameter the server takes (or none), or leave the method tale-native out";
            case "seed", "n" -> "tale.preset=paper sends seed and n: set tale.preset=default for this model";
            default -> "check its row, " + row.describeRow() + " of tale.llm.models-table";
        };
        return "parameter refused: the model " + model + " refused " + parameter + " (" + result.error() + "). "
                + "Every call would be refused the same: " + change;
    }
}
